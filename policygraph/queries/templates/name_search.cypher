// name: name_search
// description: 按名称或别名的任一部分查找主体 | Find an actor by any alias or part of its name
// param: q: string (example: 闵行)
// param: limit: int = 20 (range: 1..1000)
// returns: name, id, label, aliases
// When q holds a run of two Chinese characters or more, the CJK full-text index
// entity_names finds the candidates: the longest such run, as a phrase (Han characters
// only, so it cannot hold Lucene syntax); otherwise a scan. Either way a hit must contain
// q itself in its name or an alias. Exact matches first, then shorter names.
WITH $q AS q, reduce(acc = {best: '', run: ''}, c IN split($q, '') |
  CASE WHEN c =~ '\\p{IsHan}'
    THEN {run: acc.run + c, best: CASE WHEN size(acc.run) + 1 > size(acc.best) THEN acc.run + c ELSE acc.best END}
    ELSE {run: '', best: acc.best} END).best AS han
WITH q, han, size(han) >= 2 AS indexed
CALL (han, indexed) {
  WITH han, indexed WHERE indexed
  CALL db.index.fulltext.queryNodes('entity_names', '"' + han + '"') YIELD node
  RETURN node
  UNION
  WITH han, indexed WHERE NOT indexed
  MATCH (node:Organization|Person|Place|Policy|Program|Event|Group|Metric)
  RETURN node
}
WITH q, node
WHERE node.name CONTAINS q OR any(a IN coalesce(node.aliases, []) WHERE a CONTAINS q)
RETURN node.name AS name, node.id AS id,
       [l IN labels(node) WHERE l IN ['Organization', 'Person', 'Place', 'Policy', 'Program', 'Event', 'Group', 'Metric']][0] AS label,
       COLLECT { UNWIND coalesce(node.aliases, []) AS a RETURN a ORDER BY a } AS aliases
ORDER BY CASE WHEN node.name = q OR q IN coalesce(node.aliases, []) THEN 0 ELSE 1 END,
         size(node.name), name, id
LIMIT $limit
