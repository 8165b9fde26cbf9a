"""HarzPortal: the member self-service portal of ChemieNetzwerk Harz."""
