// name: shortest_path
// description: 两个主体之间的最短路径及每一步的依据 | The shortest path between two actors, with the evidence on each step
// param: source: string (example: 闵行区总工会, node: any)
// param: target: string (example: 闵行区委, node: any)
// returns: step, from_node, type, to_node, direction, evidence
// Up to 6 steps, either direction; among equally short paths, the first by names then types.
// direction: out when the relationship points from from_node to to_node.
MATCH (a:Organization|Person|Place|Policy|Program|Event|Group|Metric {name: $source}),
      (b:Organization|Person|Place|Policy|Program|Event|Group|Metric {name: $target})
WHERE a <> b
MATCH p = allShortestPaths((a)-[:ISSUED|IMPLEMENTS|ORGANIZES|PARTICIPATES_IN|PARTNERS_WITH|PART_OF|LOCATED_IN|HOLDS_POSITION|TARGETS|FUNDS|REPORTS*..6]-(b))
WITH p, [x IN nodes(p) | x.name] AS names, [r IN relationships(p) | type(r)] AS types
ORDER BY length(p), names, types
LIMIT 1
UNWIND range(0, length(p) - 1) AS i
WITH i, nodes(p)[i] AS x, relationships(p)[i] AS r, nodes(p)[i + 1] AS y
RETURN i + 1 AS step, x.name AS from_node, type(r) AS type, y.name AS to_node,
       CASE WHEN startNode(r) = x THEN 'out' ELSE 'in' END AS direction,
       [j IN range(0, size(r.evidence_doc) - 1) | {doc: r.evidence_doc[j], sentence: r.evidence_sentence[j]}] AS evidence
ORDER BY step
