// name: people_positions
// description: 人物及其职务（可按人名或机构名筛选） | People and their positions (optionally for one person or organization)
// param: name: string = "" (example: 连云港市总工会, node: Person|Organization)
// param: limit: int = 500 (range: 1..10000)
// returns: person, title, organization
MATCH (p:Person)-[r:HOLDS_POSITION]->(o:Organization)
WHERE $name = '' OR p.name = $name OR o.name = $name
RETURN p.name AS person, r.title AS title, o.name AS organization
ORDER BY organization, person, title
LIMIT $limit
