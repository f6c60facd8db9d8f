// name: group_targets
// description: 哪些项目和政策面向哪些群体 | Which programs and policies target which groups
// param: name: string = "" (example: 产业工人, node: Group|Program|Policy)
// param: limit: int = 500 (range: 1..10000)
// returns: group_name, source, label
// The name of a group, program or policy narrows the list; "" for all.
MATCH (s:Program|Policy)-[:TARGETS]->(g:Group)
WHERE $name = '' OR g.name = $name OR s.name = $name
RETURN g.name AS group_name, s.name AS source,
       [l IN labels(s) WHERE l IN ['Program', 'Policy']][0] AS label
ORDER BY group_name, label, source
LIMIT $limit
