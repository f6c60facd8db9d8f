// name: reported_figures
// description: 某地、某机构或某项目报告的数据 | Figures reported for a place, organization or program
// param: name: string (example: 闵行区总工会, node: Organization|Program|Policy|Place)
// returns: subject, metric, value, unit, period
// For a place: the figures of the bodies and programs located in it or in the places below it.
MATCH (n:Organization|Program|Policy|Place {name: $name})
CALL (n) {
  MATCH (n)-[:REPORTS]->(m:Metric)
  RETURN n AS s, m
  UNION
  MATCH (n:Place)<-[:PART_OF*0..5]-(:Place)<-[:LOCATED_IN]-(s)-[:REPORTS]->(m:Metric)
  RETURN s, m
}
RETURN s.name AS subject, m.name AS metric, m.value AS value, m.unit AS unit, m.period AS period
ORDER BY subject, metric, m.id
