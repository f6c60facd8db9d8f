// name: place_timeline
// description: 某地（含下级地区）的活动与政策时间线 | A timeline of a place's events and policies, the places below it included
// param: place: string (example: 闵行区, node: Place)
// param: limit: int = 500 (range: 1..10000)
// returns: date, label, name, via
// via: located (event LOCATED_IN), organizer (event organized by a body located there),
// issuer (policy issued by a body located there), named (the title names the place or an
// alias of it of two characters or more). date: its own, else its earliest document's.
MATCH (pl:Place {name: $place})
MATCH (sub:Place)-[:PART_OF*0..5]->(pl)
WITH collect(DISTINCT sub) AS subs
CALL (subs) {
  UNWIND subs AS sub
  MATCH (x:Event)-[:LOCATED_IN]->(sub)
  RETURN x, 'located' AS via
  UNION
  UNWIND subs AS sub
  MATCH (x:Event)<-[:ORGANIZES]-(:Organization)-[:LOCATED_IN]->(sub)
  RETURN x, 'organizer' AS via
  UNION
  UNWIND subs AS sub
  MATCH (x:Policy)<-[:ISSUED]-(:Organization)-[:LOCATED_IN]->(sub)
  RETURN x, 'issuer' AS via
  UNION
  UNWIND subs AS sub
  UNWIND [sub.name] + coalesce(sub.aliases, []) AS word
  WITH DISTINCT word WHERE size(word) >= 2
  MATCH (x:Policy) WHERE x.name CONTAINS word
  RETURN x, 'named' AS via
  UNION
  UNWIND subs AS sub
  UNWIND [sub.name] + coalesce(sub.aliases, []) AS word
  WITH DISTINCT word WHERE size(word) >= 2
  MATCH (x:Event) WHERE x.name CONTAINS word
  RETURN x, 'named' AS via
}
WITH x, collect(DISTINCT via) AS vias
RETURN coalesce(x.date, COLLECT {
         MATCH (x)-[:MENTIONED_IN]->(d:Document) WHERE d.date IS NOT NULL
         RETURN d.date AS date ORDER BY date LIMIT 1
       }[0]) AS date,
       [l IN labels(x) WHERE l IN ['Event', 'Policy']][0] AS label,
       x.name AS name,
       COLLECT { UNWIND vias AS v RETURN v ORDER BY v } AS via
ORDER BY date, name, label
LIMIT $limit
