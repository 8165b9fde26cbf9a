"""The fictional demo network, shaped like ChemieNetzwerk Harz: 14 producing companies
(chemical, metallurgical, recycling), 2 logistics companies, 2 universities and 1 business
development agency in Lower Saxony (NI), Saxony-Anhalt (ST) and Thuringia (TH)."""

from __future__ import annotations

# name, legal form, kind, street, postal code, city, federal state, employees, member since (year),
# email domain, description
ORGANIZATIONS = (
    ("Harzer Chemiewerke GmbH", "GmbH", "chemical", "Am Rammelsberg 12", "38640", "Goslar", "NI",
     480, 2012, "harzer-chemie.example",
     "Spezialchemikalien und Zwischenprodukte für die Kunststoff- und Lackindustrie."),
    ("Oker Recycling GmbH", "GmbH", "recycling", "Hüttenstraße 4", "38642", "Goslar", "NI",
     160, 2014, "oker-recycling.example",
     "Rückgewinnung von Nichteisenmetallen aus Stäuben, Schlämmen und Elektronikschrott."),
    ("Innerste Metallhütte AG", "AG", "metallurgical", "Hüttenweg 1", "38685", "Langelsheim",
     "NI", 620, 2012, "innerste-metall.example",
     "Primär- und Sekundärblei, Legierungen für Batterie- und Strahlenschutzanwendungen."),
    ("Brocken Spezialchemie GmbH", "GmbH", "chemical", "Industriestraße 20", "38855",
     "Wernigerode", "ST", 210, 2013, "brocken-chemie.example",
     "Pharmazeutische Wirkstoffvorstufen und Feinchemikalien in Lohnfertigung."),
    ("Bode Kunststoffverwertung GmbH", "GmbH", "recycling", "Bodetal 8", "06502", "Thale", "ST",
     95, 2016, "bode-kunststoff.example",
     "Sortierung und Regranulierung von Post-Consumer-Kunststoffen."),
    ("Selketal Pigmente GmbH", "GmbH", "chemical", "Selkestraße 3", "06493", "Harzgerode", "ST",
     140, 2015, "selketal-pigmente.example",
     "Anorganische Farbpigmente und Füllstoffe für Bauchemie und Beschichtungen."),
    ("Mansfelder Kupferveredelung GmbH", "GmbH", "metallurgical", "Kupferhütte 2", "06333",
     "Hettstedt", "ST", 530, 2012, "mansfelder-kupfer.example",
     "Kupferhalbzeuge, Bänder und Drähte für Elektrotechnik und Automobilbau."),
    ("Nordhäuser Feinchemie GmbH", "GmbH", "chemical", "Darrweg 45", "99734", "Nordhausen", "TH",
     260, 2013, "nordhaeuser-feinchemie.example",
     "Aromastoffe und Spezialester für Lebensmittel- und Kosmetikhersteller."),
    ("Südharz Gips & Baustoffchemie KG", "KG", "chemical", "Gipswerkstraße 7", "99755",
     "Ellrich", "TH", 310, 2014, "suedharz-gips.example",
     "Gips, Anhydrit und bauchemische Zusatzmittel aus heimischer Rohstoffgewinnung."),
    ("Osteroder Batterierecycling GmbH", "GmbH", "recycling", "Sösestraße 15", "37520",
     "Osterode am Harz", "NI", 120, 2018, "osteroder-batterie.example",
     "Demontage und Recycling von Lithium-Ionen-Batterien aus Industrie und Elektromobilität."),
    ("Clausthaler Zinkwerke GmbH", "GmbH", "metallurgical", "Zellbacher Weg 9", "38678",
     "Clausthal-Zellerfeld", "NI", 240, 2012, "clausthaler-zink.example",
     "Zinkoxid und Zinkpulver für Reifen-, Keramik- und Pharmaindustrie."),
    ("Ilsenburger Gießerei & Legierungen GmbH", "GmbH", "metallurgical", "Hüttenplatz 5",
     "38871", "Ilsenburg", "ST", 380, 2017, "ilsenburger-guss.example",
     "Kunstguss und technische Gussteile aus Eisen- und Aluminiumlegierungen."),
    ("Kyffhäuser Agrochemie GmbH", "GmbH", "chemical", "Am Solbad 11", "06567",
     "Bad Frankenhausen", "TH", 175, 2019, "kyffhaeuser-agro.example",
     "Mineralische Düngemittel und Bodenhilfsstoffe für Landwirtschaft und Gartenbau."),
    ("Halberstädter Lösemittel-Recycling GmbH", "GmbH", "recycling", "Gröperstraße 60",
     "38820", "Halberstadt", "ST", 70, 2020, "halberstaedter-loesemittel.example",
     "Destillative Aufbereitung gebrauchter Lösemittel aus Lackierereien und Pharma."),
    ("Harz Chemielogistik GmbH", "GmbH", "logistics", "Logistikpark 1", "38723", "Seesen", "NI",
     210, 2013, "harz-chemielogistik.example",
     "Lagerung und Transport von Gefahrstoffen, Tankreinigung und Gefahrgutberatung."),
    ("Quedlinburger Gefahrgutspedition GmbH & Co. KG", "GmbH & Co. KG", "logistics",
     "Weststraße 30", "06484", "Quedlinburg", "ST", 85, 2016, "quedlinburger-spedition.example",
     "Gefahrgut-Stückgut und Containerverkehre zwischen Harz, Hamburg und Leipzig."),
    ("Technische Hochschule Oberharz", "Körperschaft des öffentlichen Rechts", "university",
     "Adolph-Roemer-Platz 3", "38678", "Clausthal-Zellerfeld", "NI", 1100, 2012,
     "th-oberharz.example",
     "Forschung zu Rohstoffen, Kreislaufwirtschaft, Verfahrenstechnik und Werkstoffen."),
    ("Hochschule Nordharz", "Körperschaft des öffentlichen Rechts", "university",
     "Friedrichstraße 57", "38855", "Wernigerode", "ST", 450, 2014, "hs-nordharz.example",
     "Angewandte Informatik, Automatisierung und Wirtschaftsingenieurwesen."),
    ("Entwicklungsagentur Südharz GmbH", "GmbH", "business_development", "Bahnhofsplatz 6",
     "99734", "Nordhausen", "TH", 25, 2012, "entwicklung-suedharz.example",
     "Wirtschaftsförderung, Ansiedlung und Fachkräftegewinnung für die Region Südharz."),
)

FIRST_NAMES = ("Anna", "Jonas", "Katrin", "Lukas", "Miriam", "Stefan", "Julia", "Tobias",
               "Sabine", "Felix", "Claudia", "Matthias", "Nadine", "Florian", "Petra", "Daniel")
LAST_NAMES = ("Krüger", "Hoffmann", "Wagner", "Becker", "Schulz", "Lehmann", "Köhler", "Richter",
              "Neumann", "Schröder", "Zimmermann", "Braun", "Hartmann", "Lange", "Werner", "Vogel")
JOB_TITLES = ("Geschäftsführung", "Qualitätsmanagement", "HSE-Beauftragte", "Einkauf",
              "Personalleitung", "Datenschutzkoordination", "Buchhaltung", "Produktionsleitung")

# Competences (tags) by organization, in the order of ORGANIZATIONS.
COMPETENCES = (
    ("Spezialchemikalien", "Lackrohstoffe", "Kunststoffadditive", "REACH-Registrierung"),
    ("Metallrückgewinnung", "Elektronikschrott", "Hydrometallurgie"),
    ("Bleiraffination", "Legierungen", "Strahlenschutz"),
    ("Lohnfertigung", "Feinchemikalien", "GMP", "Pharmazeutische Wirkstoffe"),
    ("Kunststoffrecycling", "Regranulat", "Sortiertechnik"),
    ("Pigmente", "Füllstoffe", "Bauchemie"),
    ("Kupferhalbzeuge", "Drahtziehen", "Elektrotechnik"),
    ("Aromastoffe", "Ester", "Kosmetikrohstoffe"),
    ("Gips", "Bauchemie", "Rohstoffgewinnung"),
    ("Batterierecycling", "Lithium-Ionen", "Demontage"),
    ("Zinkoxid", "Pulvermetallurgie", "Keramik"),
    ("Gießerei", "Aluminiumguss", "Kunstguss"),
    ("Düngemittel", "Bodenhilfsstoffe", "Agrarchemie"),
    ("Lösemittelrecycling", "Destillation", "Kreislaufwirtschaft"),
    ("Gefahrstofflager", "Tankreinigung", "Gefahrgutberatung"),
    ("Gefahrgutlogistik", "Containerverkehr"),
    ("Rohstoffforschung", "Kreislaufwirtschaft", "Verfahrenstechnik", "Werkstoffe"),
    ("Automatisierung", "Informatik", "IoT", "Wirtschaftsingenieurwesen"),
    ("Wirtschaftsförderung", "Ansiedlung", "Fachkräftegewinnung"),
)

# The functions of the contacts of each organization, by their position in it.
FUNCTIONS_BY_POSITION = (("billing", "profile_editor"), ("hse",), ("data_protection",), ())
