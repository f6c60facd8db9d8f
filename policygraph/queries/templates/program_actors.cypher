// name: program_actors
// description: 谁组织、资助、参与某项目或活动 | Who organizes, funds and takes part in a program or event
// param: program: string (example: 城市书吧, node: Program|Event)
// returns: program, role, actor, label
MATCH (p:Program|Event {name: $program})<-[r:ORGANIZES|FUNDS|PARTICIPATES_IN]-(a)
RETURN p.name AS program, type(r) AS role, a.name AS actor,
       [l IN labels(a) WHERE l IN ['Organization', 'Person']][0] AS label
ORDER BY role, actor, label
