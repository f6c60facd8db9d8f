// name: issued_by_level
// description: 谁发布了哪些政策，按发布机构层级 | Who issued what, by level
// param: level: string = "" (example: national, one of: national|province|city|county|township|other|unknown)
// param: limit: int = 500 (range: 1..10000)
// returns: level, issuer, policy, date
// level: national / province / city / county / township / other / unknown, from the
// issuer's name (中共中央, 国务院, 中华全国…) or the place it is LOCATED_IN; "" for all.
MATCH (o:Organization)-[:ISSUED]->(p:Policy)
WITH o, p, COLLECT { MATCH (o)-[:LOCATED_IN]->(x:Place) RETURN x.name AS n ORDER BY n LIMIT 1 }[0] AS pn
WITH o, p, CASE
  WHEN any(w IN ['中共中央', '中央', '国务院', '中华全国', '全国'] WHERE o.name STARTS WITH w) THEN 'national'
  WHEN pn IS NULL THEN 'unknown'
  WHEN pn IN ['北京市', '上海市', '天津市', '重庆市'] OR pn ENDS WITH '省' OR pn ENDS WITH '自治区' THEN 'province'
  WHEN pn ENDS WITH '市' OR pn ENDS WITH '州' OR pn ENDS WITH '盟' THEN 'city'
  WHEN pn ENDS WITH '区' OR pn ENDS WITH '县' OR pn ENDS WITH '旗' THEN 'county'
  WHEN pn ENDS WITH '镇' OR pn ENDS WITH '乡' OR pn ENDS WITH '街道' OR pn ENDS WITH '村' THEN 'township'
  ELSE 'other' END AS level
WHERE $level = '' OR level = $level
RETURN level, o.name AS issuer, p.name AS policy,
       coalesce(p.date, COLLECT {
         MATCH (p)-[:MENTIONED_IN]->(d:Document) WHERE d.date IS NOT NULL
         RETURN d.date AS date ORDER BY date LIMIT 1
       }[0]) AS date
ORDER BY level, issuer, policy
LIMIT $limit
