"""German words that people build passwords from, for the strength check (`passwords.py`).

zxcvbn's own dictionaries are English; the portal's users are German. This list adds what German
password leaks are made of — the words "Passwort" and "hallo", seasons, months and weekdays,
football clubs and cities, pet names, common first names — and the region's own names. Ordered
roughly from most to least common: zxcvbn counts a word's rank as its number of guesses.
"""

from __future__ import annotations

_WORDS = """
passwort hallo schatz geheim kennwort qwertz sommer winter liebe schatzi mausi ichliebedich
fussball fußball deutschland schalke dortmund bayern borussia werder hamburg berlin muenchen
münchen sonne sonnenschein herbst fruehling frühling baerchen bärchen engel blume hase hasi
katze hund pferd prinzessin schnecke zucker schokolade hexe teufel himmel stern sterne mond
willkommen zugang anmelden benutzer passwoerter passwörter hallihallo servus moin tschuess
tschüss danke bitte liebling herz herzchen glueck glück familie kinder mama papa oma opa freund
freundin zuhause heimat urlaub wasser feuer erde regen schnee meer berg berge wald garten rose
apfel bier wein kaffee musik spiel sport auto haus schule arbeit firma welt leben zukunft
januar februar maerz märz april mai juni juli august september oktober november dezember
montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag wochenende feierabend
weihnachten ostern silvester geburtstag hochzeit
koeln köln frankfurt stuttgart hannover braunschweig leipzig dresden bremen nuernberg nürnberg
eintracht hertha union fortuna kaiserslautern wolfsburg magdeburg bvb hsv fcb
michael thomas andreas stefan frank markus christian peter klaus juergen jürgen uwe dieter
wolfgang guenter günter helmut horst manfred hans werner karl heinz gerhard bernd ralf sven jens
torsten matthias tobias daniel jan lukas leon finn paul ben jonas felix maximilian niklas
sebastian florian alexander philipp moritz simon fabian dennis marcel kevin patrick oliver
sabine susanne petra andrea claudia nicole stefanie birgit monika ursula gabriele heike katrin
anja julia lisa laura lena anna sophie marie hannah emma mia lea sarah jana kerstin silke
martina renate ingrid helga brigitte karin christa elke sandra melanie tanja yvonne jessica
franziska katharina johanna charlotte luise greta frieda
mueller müller schmidt schneider fischer weber meyer meier wagner becker schulz hoffmann
schaefer schäfer koch bauer richter klein wolf schroeder schröder neumann schwarz zimmermann
braun krueger krüger hofmann hartmann lange schmitt werner krause lehmann koehler köhler
harz harzer brocken goslar wernigerode quedlinburg halberstadt clausthal zellerfeld osterode
harzburg nordhausen braunlage thale blankenburg ilsenburg seesen herzberg sangerhausen
hexentanzplatz rammelsberg oker okertal bode innerste sieber selke torfhaus schierke
niedersachsen sachsenanhalt thueringen thüringen
chemie chemiker netzwerk verbund verband verein mitglied mitglieder portal industrie labor
fabrik werk werke gmbh firma betrieb buero büro chef
"""

GERMAN_WORDS: tuple[str, ...] = tuple(dict.fromkeys(_WORDS.split()))
