// name: programs_in_place
// description: 某地及其下级地区的项目 | Programs in a place, including the places below it
// param: place: string (example: 闵行区, node: Place)
// param: limit: int = 200 (range: 1..10000)
// returns: program, id, via, places
// via: located (the program is LOCATED_IN the place) or organizer (a body located there
// ORGANIZES or FUNDS it); places: the place or the places below it (PART_OF) where it is.
MATCH (pl:Place {name: $place})
MATCH (sub:Place)-[:PART_OF*0..5]->(pl)
WITH DISTINCT sub
CALL (sub) {
  MATCH (p:Program)-[:LOCATED_IN]->(sub)
  RETURN p, 'located' AS via
  UNION
  MATCH (p:Program)<-[:ORGANIZES|FUNDS]-(:Organization)-[:LOCATED_IN]->(sub)
  RETURN p, 'organizer' AS via
}
WITH p, collect(DISTINCT via) AS vias, collect(DISTINCT sub.name) AS places
RETURN p.name AS program, p.id AS id,
       COLLECT { UNWIND vias AS v RETURN v ORDER BY v } AS via,
       COLLECT { UNWIND places AS x RETURN x ORDER BY x } AS places
ORDER BY program, id
LIMIT $limit
