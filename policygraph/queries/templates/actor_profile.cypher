// name: actor_profile
// description: 某一主体的概况：标签、别名、各类关系、来源文件 | An actor's profile: labels, aliases, relationships by type, documents
// param: name: string (example: 闵行区总工会, node: any)
// returns: id, name, label, labels, kind, aliases, relationships, documents
MATCH (n:Organization|Person|Place|Policy|Program|Event|Group|Metric {name: $name})
RETURN n.id AS id, n.name AS name,
       [l IN labels(n) WHERE l IN ['Organization', 'Person', 'Place', 'Policy', 'Program', 'Event', 'Group', 'Metric']][0] AS label,
       COLLECT { UNWIND labels(n) AS l RETURN l ORDER BY l } AS labels,
       n.kind AS kind,
       COLLECT { UNWIND coalesce(n.aliases, []) AS a RETURN a ORDER BY a } AS aliases,
       COLLECT {
         MATCH (n)-[r:ISSUED|IMPLEMENTS|ORGANIZES|PARTICIPATES_IN|PARTNERS_WITH|PART_OF|LOCATED_IN|HOLDS_POSITION|TARGETS|FUNDS|REPORTS]-(m)
         WITH type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, m
         RETURN {type: type, direction: direction, name: m.name, id: m.id} AS rel
         ORDER BY rel.type, rel.direction, rel.name, rel.id
       } AS relationships,
       COLLECT {
         MATCH (n)-[r:MENTIONED_IN]->(d:Document)
         RETURN {doc: d.doc_id, title: d.name, count: r.count} AS doc
         ORDER BY doc.doc
       } AS documents
ORDER BY id
