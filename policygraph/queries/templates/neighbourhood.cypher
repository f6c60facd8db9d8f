// name: neighbourhood
// description: 某一主体 k 步以内的关联主体 | An actor's neighbourhood within k hops
// param: name: string (example: 闵行区总工会, node: any)
// param: k: int = 2 (example: 2, range: 1..4)
// param: limit: int = 200 (range: 1..10000)
// returns: name, id, label, distance
// Each branch walks at most k hops and keeps distinct end nodes (a pruning breadth-first
// search); the smallest k that reaches a node is its distance.
MATCH (n:Organization|Person|Place|Policy|Program|Event|Group|Metric {name: $name})
CALL (n) {
  MATCH (n)-[:ISSUED|IMPLEMENTS|ORGANIZES|PARTICIPATES_IN|PARTNERS_WITH|PART_OF|LOCATED_IN|HOLDS_POSITION|TARGETS|FUNDS|REPORTS]-(m)
  RETURN DISTINCT m, 1 AS d
  UNION
  WITH n WHERE $k >= 2
  MATCH (n)-[:ISSUED|IMPLEMENTS|ORGANIZES|PARTICIPATES_IN|PARTNERS_WITH|PART_OF|LOCATED_IN|HOLDS_POSITION|TARGETS|FUNDS|REPORTS*1..2]-(m)
  RETURN DISTINCT m, 2 AS d
  UNION
  WITH n WHERE $k >= 3
  MATCH (n)-[:ISSUED|IMPLEMENTS|ORGANIZES|PARTICIPATES_IN|PARTNERS_WITH|PART_OF|LOCATED_IN|HOLDS_POSITION|TARGETS|FUNDS|REPORTS*1..3]-(m)
  RETURN DISTINCT m, 3 AS d
  UNION
  WITH n WHERE $k >= 4
  MATCH (n)-[:ISSUED|IMPLEMENTS|ORGANIZES|PARTICIPATES_IN|PARTNERS_WITH|PART_OF|LOCATED_IN|HOLDS_POSITION|TARGETS|FUNDS|REPORTS*1..4]-(m)
  RETURN DISTINCT m, 4 AS d
}
WITH n, m, min(d) AS distance
WHERE m <> n
WITH m, min(distance) AS distance
RETURN m.name AS name, m.id AS id,
       [l IN labels(m) WHERE l IN ['Organization', 'Person', 'Place', 'Policy', 'Program', 'Event', 'Group', 'Metric']][0] AS label,
       distance
ORDER BY distance, name, id
LIMIT $limit
