// name: policy_cascade
// description: 政策的层层落实：所有（间接）贯彻落实它的政策，含发布机构、层级、日期，按时间排序 | A policy's cascade: every policy that implements it, transitively, with issuer, level and date, in time order
// param: policy: string (example: 新时期产业工人队伍建设改革方案, node: Policy)
// returns: policy, id, depth, date, issuers, levels
// depth 0 is the policy itself. date: the policy's own date, else the earliest date of the
// documents that mention it. levels: the policy's own level where the text gives it (as the
// cascade map's bands do), else that of each issuer, from the place it is LOCATED_IN
// (national / province / city / county / township / other / unknown).
MATCH (root:Policy {name: $policy})
CALL (root) {
  RETURN root AS p, 0 AS depth
  UNION
  MATCH path = (p:Policy)-[:IMPLEMENTS*1..6]->(root)
  RETURN p, min(length(path)) AS depth
}
WITH p, min(depth) AS depth
WITH p, depth, COLLECT { MATCH (o:Organization)-[:ISSUED]->(p) RETURN o ORDER BY o.name, o.id } AS issuers
RETURN p.name AS policy, p.id AS id, depth,
       coalesce(p.date, COLLECT {
         MATCH (p)-[:MENTIONED_IN]->(d:Document) WHERE d.date IS NOT NULL
         RETURN d.date AS date ORDER BY date LIMIT 1
       }[0]) AS date,
       [o IN issuers | o.name] AS issuers,
       CASE WHEN p.level IS NOT NULL THEN [p.level] ELSE COLLECT {
         UNWIND issuers AS o
         WITH o, COLLECT { MATCH (o)-[:LOCATED_IN]->(x:Place) RETURN x.name AS n ORDER BY n LIMIT 1 }[0] AS pn
         WITH DISTINCT CASE
           WHEN any(w IN ['中共中央', '中央', '国务院', '中华全国', '全国'] WHERE o.name STARTS WITH w) THEN 'national'
           WHEN pn IS NULL THEN 'unknown'
           WHEN pn IN ['北京市', '上海市', '天津市', '重庆市'] OR pn ENDS WITH '省' OR pn ENDS WITH '自治区' THEN 'province'
           WHEN pn ENDS WITH '市' OR pn ENDS WITH '州' OR pn ENDS WITH '盟' THEN 'city'
           WHEN pn ENDS WITH '区' OR pn ENDS WITH '县' OR pn ENDS WITH '旗' THEN 'county'
           WHEN pn ENDS WITH '镇' OR pn ENDS WITH '乡' OR pn ENDS WITH '街道' OR pn ENDS WITH '村' THEN 'township'
           ELSE 'other' END AS level
         RETURN level ORDER BY level
       } END AS levels
ORDER BY date, depth, policy, id
