// name: partners
// description: 某机构的合作伙伴：直接合作及共同组织同一项目或活动的机构 | An organization's partners: direct PARTNERS_WITH and co-organizers of the same program or event
// param: name: string (example: 闵行区总工会, node: Organization)
// param: limit: int = 200 (range: 1..10000)
// returns: partner, id, via, shared
// via: PARTNERS_WITH and/or co-organizer; shared: the programs and events organized together.
MATCH (o:Organization {name: $name})
CALL (o) {
  MATCH (o)-[:PARTNERS_WITH]-(p:Organization)
  RETURN p, 'PARTNERS_WITH' AS via, null AS shared
  UNION
  MATCH (o)-[:ORGANIZES]->(x)<-[:ORGANIZES]-(p:Organization)
  WHERE p <> o
  RETURN p, 'co-organizer' AS via, x.name AS shared
}
WITH p, collect(DISTINCT via) AS vias, collect(DISTINCT shared) AS shared
RETURN p.name AS partner, p.id AS id,
       COLLECT { UNWIND vias AS v RETURN v ORDER BY v } AS via,
       COLLECT { UNWIND shared AS s RETURN s ORDER BY s } AS shared
ORDER BY partner, id
LIMIT $limit
