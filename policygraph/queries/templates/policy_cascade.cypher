// name: policy_cascade
// description: 政策的层层落实：所有（间接）贯彻落实它的政策，含发布机构、层级、日期，按时间排序 | A policy's cascade: every policy that implements it, transitively, with issuer, level and date, in time order
// param: policy: string (example: 新时期产业工人队伍建设改革方案, node: Policy)
// returns: policy, id, depth, date, issuers, level
// depth 0 is the policy itself. date: the policy's own date, else the earliest date of the
// documents that mention it. level (national / province / city / county / township /
// unknown), the band the cascade map draws it in (policygraph.graph.levels): the policy's
// own level where the text gives it; else national if its name opens like a national
// body's, else the most local place its name holds; else the highest of its issuers',
// each by its name in the same way, else by the highest place it is LOCATED_IN. Levels
// are numbers here (0 national … 4 township, 5 unknown); the words, and the CASE that
// reads a place name's level, are the administrative_levels of
// policygraph/loaders/lexicon/places.yaml.
MATCH (root:Policy {name: $policy})
CALL (root) {
  RETURN root AS p, 0 AS depth
  UNION
  MATCH path = (p:Policy)-[:IMPLEMENTS*1..6]->(root)
  RETURN p, min(length(path)) AS depth
}
WITH p, min(depth) AS depth
WITH p, depth, COLLECT { MATCH (o:Organization)-[:ISSUED]->(p) RETURN o ORDER BY o.name, o.id } AS issuers
WITH collect([p, depth, issuers]) AS cascade
// The places whose name or alias (two characters or more) a policy's or issuer's name
// may hold, found once: those that the cascade's names hold at all, with those words.
WITH cascade, reduce(text = '', c IN cascade | text + '|' + c[0].name + reduce(t = '', o IN c[2] | t + '|' + o.name)) AS text
WITH cascade, COLLECT {
  MATCH (x:Place)
  WITH x, [w IN [x.name] + coalesce(x.aliases, []) WHERE size(w) >= 2 AND text CONTAINS w] AS words
  WHERE size(words) > 0
  RETURN [x, words]
} AS candidates
UNWIND cascade AS found
WITH found[0] AS p, found[1] AS depth, found[2] AS issuers, candidates
CALL (p, issuers, candidates) {
  UNWIND [p] + issuers AS n
  CALL (n, candidates) {
    // the name itself, the places it holds, the places it is LOCATED_IN
    UNWIND [[n, 'self']]
      + [x IN candidates WHERE any(w IN x[1] WHERE n.name CONTAINS w) | [x[0], 'named']]
      + COLLECT { MATCH (n)-[:LOCATED_IN]->(x:Place) RETURN [x, 'located'] } AS found
    WITH found[1] AS how, found[0].name AS nm
    WITH how, CASE
        WHEN any(w IN ['中共中央', '中央', '国务院', '中华全国', '全国', '全总', '人力资源和社会保障部', '人力资源社会保障部'] WHERE nm STARTS WITH w) OR nm IN ['中国', '全国'] THEN 0
        WHEN any(w IN ['北京', '上海', '天津', '重庆'] WHERE nm STARTS WITH w) AND (substring(nm, 0, 4) CONTAINS '市' OR size(nm) <= 3)
          THEN CASE WHEN any(w IN ['区', '县', '旗', '自治县'] WHERE nm ENDS WITH w) AND NOT any(w IN ['地区', '园区', '社区'] WHERE nm ENDS WITH w) THEN 3 ELSE 1 END
        WHEN any(w IN ['长三角', '京津冀', '粤港澳'] WHERE nm STARTS WITH w) OR any(w IN ['省', '自治区'] WHERE nm ENDS WITH w) THEN 1
        WHEN any(w IN ['区', '县', '旗', '自治县'] WHERE nm ENDS WITH w) AND NOT any(w IN ['地区', '园区', '社区'] WHERE nm ENDS WITH w) THEN 3
        WHEN any(w IN ['市', '自治州', '州', '盟', '地区'] WHERE nm ENDS WITH w) THEN 2
        WHEN any(w IN ['镇', '乡', '街道', '村', '社区', '园区'] WHERE nm ENDS WITH w) THEN 4
        ELSE 5 END AS level
    WITH min(CASE how WHEN 'self' THEN level END) AS own,
         max(CASE WHEN how = 'named' AND level < 5 THEN level END) AS named,
         min(CASE WHEN how = 'located' AND level < 5 THEN level END) AS located
    RETURN CASE own WHEN 0 THEN 0 ELSE coalesce(named, located, 5) END AS level
  }
  RETURN min(CASE WHEN n = p AND level < 5 THEN level END) AS by_name,
         min(CASE WHEN n <> p AND level < 5 THEN level END) AS by_issuers
}
WITH p, depth, issuers, by_name, by_issuers,
     ['national', 'province', 'city', 'county', 'township', 'unknown'] AS levels
RETURN p.name AS policy, p.id AS id, depth,
       coalesce(p.date, COLLECT {
         MATCH (p)-[:MENTIONED_IN]->(d:Document) WHERE d.date IS NOT NULL
         RETURN d.date AS date ORDER BY date LIMIT 1
       }[0]) AS date,
       [o IN issuers | o.name] AS issuers,
       levels[coalesce(head([i IN range(0, 4) WHERE levels[i] = p.level]), by_name, by_issuers, 5)] AS level
ORDER BY date, depth, policy, id
