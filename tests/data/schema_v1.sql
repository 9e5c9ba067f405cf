-- A drill database as the first released schema (user_version 1) left it: two attempts and a draft.
-- The bank tables are emptied: they are rebuilt from the files on opening.
PRAGMA user_version = 1;
BEGIN TRANSACTION;
CREATE TABLE "attempts" (
   "id" INTEGER PRIMARY KEY,
   "question" TEXT,
   "answer" TEXT,
   "score" REAL,
   "max" REAL,
   "word_count" INTEGER,
   "seconds" INTEGER,
   "created" TEXT,
   "rubric_version" TEXT,
   "mark" TEXT
);
INSERT INTO "attempts" VALUES(1,'s001-q2','一是思想认识不到位，理念比较落后。
二是放权不到位，基层接权能力不足。
三是监管没有实现全覆盖，存在短板。
四是服务效率和质量不高。
',7.0,10.0,63,300,'2026-11-20T09:01:00+08:00','0ef140f8ef3b','{"question":"s001-q2","score":7.0,"max":10.0,"word_count":63,"points":[{"id":"p1","text":"思想认识不够到位，理念相对滞后","weight":2.0,"status":"hit","credit":2.0,"similarity":100.0,"evidence":{"start":2,"end":16,"text":"思想认识不到位，理念比较落后"}},{"id":"p2","text":"“放权”不够到位和协调，“接权”存在接不好和力不足短板","weight":2.0,"status":"hit","credit":2.0,"similarity":100.0,"evidence":{"start":20,"end":34,"text":"放权不到位，基层接权能力不足"}},{"id":"p3","text":"监管仍是“短板”，没有实现有效联动和全覆盖","weight":1.5,"status":"hit","credit":1.5,"similarity":100.0,"evidence":{"start":38,"end":52,"text":"监管没有实现全覆盖，存在短板"}},{"id":"p4","text":"服务效率和质量有待提高","weight":1.5,"status":"hit","credit":1.5,"similarity":100.0,"evidence":{"start":56,"end":65,"text":"服务效率和质量不高"}},{"id":"p5","text":"电子政务服务平台不够健全和运行低效","weight":1.5,"status":"miss","credit":0.0,"similarity":20.7,"evidence":null},{"id":"p6","text":"“放管服”协同性不够高，信息共享存在障碍","weight":1.5,"status":"miss","credit":0.0,"similarity":22.9,"evidence":null}],"deductions":[],"copied":0.0}');
INSERT INTO "attempts" VALUES(2,'s001-q1','第一，刀刃向内，持续推进营商环境改革，打造营商环境升级版。
第二，以自我革命精神推进数字政府建设，优化再造跨部门、跨层级的办事流程。
第三，强化政治监督，开展营商环境突出问题专项整治，坚决纠治形式主义、官僚主义。
',6.0,10.0,104,NULL,'2026-11-20T09:02:00+08:00','234272ffc7b2','{"question":"s001-q1","score":6.0,"max":10.0,"word_count":104,"points":[{"id":"p1","text":"要以正视问题的勇气和刀刃向内的自觉持续推进营商环境改革，齐心协力、乘势而上打造营商环境升级版","weight":2.0,"status":"hit","credit":2.0,"similarity":100.0,"evidence":{"start":3,"end":28,"text":"刀刃向内，持续推进营商环境改革，打造营商环境升级版"}},{"id":"p2","text":"要以自我革命精神推进数字政府建设，系统重构、优化再造部门内部和跨部门、跨层级、跨区域的业务流程、办事流程","weight":2.0,"status":"hit","credit":2.0,"similarity":100.0,"evidence":{"start":33,"end":65,"text":"以自我革命精神推进数字政府建设，优化再造跨部门、跨层级的办事流程"}},{"id":"p3","text":"要强化政治监督，持续开展营商环境突出问题专项整治，紧盯顽疾陋习及其新动向新变种反复抓、抓反复，坚决纠治形式主义、官僚主义老问题和新表现，严肃查处各种不担当不作为、慢作为乱作为问题，不断清除侵蚀营商环境的作风病毒，不断清除破坏营商环境的腐败沉疴","weight":2.0,"status":"hit","credit":2.0,"similarity":100.0,"evidence":{"start":70,"end":105,"text":"强化政治监督，开展营商环境突出问题专项整治，坚决纠治形式主义、官僚主义"}},{"id":"p4","text":"要严格落实“三个区分开来”要求，鼓励干部大胆创新、扎实做事，让那些真抓实干、敢于担当的干部真正得到重用、充分施展才华","weight":2.0,"status":"miss","credit":0.0,"similarity":12.2,"evidence":null},{"id":"p5","text":"要压实旗县区优化营商环境责任，持续整治基层“微腐败”，解决好优化营商环境“最后一公里”问题","weight":2.0,"status":"miss","credit":0.0,"similarity":40.9,"evidence":null}],"deductions":[],"copied":0.0}');
CREATE TABLE "drafts" (
   "question" TEXT PRIMARY KEY,
   "answer" TEXT,
   "seconds" INTEGER,
   "updated" TEXT
);
INSERT INTO "drafts" VALUES('s001-q1','一是要持续推进营商环境改革。',42,'2026-11-21T10:00:00+08:00');
CREATE TABLE "materials" (
   "id" TEXT PRIMARY KEY,
   "text" TEXT
);
CREATE TABLE "meta" (
   "key" TEXT PRIMARY KEY,
   "value" TEXT
);
CREATE TABLE "questions" (
   "id" TEXT PRIMARY KEY,
   "type" TEXT,
   "points" REAL,
   "word_limit" INTEGER,
   "limit_kind" TEXT,
   "source" TEXT,
   "material" TEXT,
   "tags" TEXT,
   "prompt" TEXT,
   "refs" TEXT,
   "rubric" TEXT,
   "rubric_version" TEXT,
   "file" TEXT
);
CREATE INDEX "idx_attempts_question"
    ON "attempts" ("question");
COMMIT;
