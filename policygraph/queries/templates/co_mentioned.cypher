// name: co_mentioned
// description: 与某主体在同一文件中出现最多的主体 | The actors most often mentioned together with an actor
// param: name: string (example: 闵行区总工会, node: any)
// param: limit: int = 20 (range: 1..10000)
// returns: name, id, label, documents
MATCH (n:Organization|Person|Place|Policy|Program|Event|Group|Metric {name: $name})-[:MENTIONED_IN]->(d:Document)<-[:MENTIONED_IN]-(m)
WHERE m <> n
WITH m, count(DISTINCT d) AS documents
RETURN m.name AS name, m.id AS id,
       [l IN labels(m) WHERE l IN ['Organization', 'Person', 'Place', 'Policy', 'Program', 'Event', 'Group', 'Metric']][0] AS label,
       documents
ORDER BY documents DESC, name, id
LIMIT $limit
