// name: most_connected
// description: 关系最多的主体（可按标签筛选） | The most connected actors, by label
// param: label: string = "" (example: Organization, one of: label)
// param: limit: int = 20 (range: 1..10000)
// returns: name, id, label, degree
// degree: relationships other than MENTIONED_IN; label: any label, kinds too (Union); "" for all.
MATCH (n:Organization|Person|Place|Policy|Program|Event|Group|Metric)
WHERE $label = '' OR $label IN labels(n)
WITH n, COUNT { (n)--() } - COUNT { (n)-[:MENTIONED_IN]->() } AS degree
RETURN n.name AS name, n.id AS id,
       [l IN labels(n) WHERE l IN ['Organization', 'Person', 'Place', 'Policy', 'Program', 'Event', 'Group', 'Metric']][0] AS label,
       degree
ORDER BY degree DESC, name, id
LIMIT $limit
