// name: relationship_evidence
// description: 两个主体之间关系的依据：文件与原句 | The evidence behind a relationship: documents and sentences
// param: source: string (example: 闵行区总工会, node: any)
// param: target: string (example: 闵行区, node: any)
// param: type: string = "" (example: LOCATED_IN, one of: relationship)
// returns: from_node, type, to_node, doc, title, sentence
// Either direction; type "" for every relationship between the two.
MATCH (a:Organization|Person|Place|Policy|Program|Event|Group|Metric {name: $source})-[r:ISSUED|IMPLEMENTS|ORGANIZES|PARTICIPATES_IN|PARTNERS_WITH|PART_OF|LOCATED_IN|HOLDS_POSITION|TARGETS|FUNDS|REPORTS]-(b:Organization|Person|Place|Policy|Program|Event|Group|Metric {name: $target})
WHERE $type = '' OR type(r) = $type
WITH DISTINCT r
UNWIND range(0, size(r.evidence_doc) - 1) AS i
OPTIONAL MATCH (d:Document {id: 'Document:' + r.evidence_doc[i]})
RETURN startNode(r).name AS from_node, type(r) AS type, endNode(r).name AS to_node,
       r.evidence_doc[i] AS doc, d.name AS title, r.evidence_sentence[i] AS sentence
ORDER BY type, from_node, to_node, doc, i
