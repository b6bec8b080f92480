// Pools the world generator draws from: department lists per kind of hospital, people's names, titles.
import type { HospitalKind } from "./hospitals.js";

export interface DepartmentSeed {
  name: string;
  className: string;
  /** depClassId, a string on the wire */
  classId: string;
}

const CLASS_IDS: Record<string, string> = {
  内科: "1",
  外科: "2",
  妇产科: "3",
  儿科: "4",
  五官科: "5",
  皮肤性病科: "6",
  中医科: "7",
  肿瘤科: "8",
  康复医学科: "9",
  精神心理科: "10",
};

const dep = (name: string, className: string): DepartmentSeed => ({
  name,
  className,
  classId: CLASS_IDS[className] ?? "99",
});

/** The first ten of each pool are always present (in order); some of the rest are added per hospital. */
export const DEPARTMENT_POOLS: Record<HospitalKind, readonly DepartmentSeed[]> = {
  general: [
    dep("内科", "内科"),
    dep("外科", "外科"),
    dep("儿科", "儿科"),
    dep("妇产科", "妇产科"),
    dep("眼科", "五官科"),
    dep("口腔科", "五官科"),
    dep("皮肤科", "皮肤性病科"),
    dep("耳鼻喉科", "五官科"),
    dep("中医科", "中医科"),
    dep("骨科", "外科"),
    dep("心血管内科", "内科"),
    dep("消化内科", "内科"),
    dep("呼吸内科", "内科"),
    dep("神经内科", "内科"),
    dep("内分泌科", "内科"),
    dep("肾内科", "内科"),
    dep("泌尿外科", "外科"),
    dep("神经外科", "外科"),
    dep("肿瘤科", "肿瘤科"),
    dep("康复医学科", "康复医学科"),
    dep("精神心理科", "精神心理科"),
  ],
  children: [
    dep("小儿内科", "儿科"),
    dep("小儿外科", "儿科"),
    dep("新生儿科", "儿科"),
    dep("小儿呼吸科", "儿科"),
    dep("小儿消化科", "儿科"),
    dep("儿童保健科", "儿科"),
    dep("小儿骨科", "儿科"),
    dep("小儿眼科", "五官科"),
    dep("小儿口腔科", "五官科"),
    dep("小儿耳鼻喉科", "五官科"),
    dep("小儿皮肤科", "皮肤性病科"),
    dep("小儿神经内科", "儿科"),
    dep("儿童心理科", "精神心理科"),
    dep("小儿中医科", "中医科"),
  ],
  women: [
    dep("妇科", "妇产科"),
    dep("产科", "妇产科"),
    dep("儿科", "儿科"),
    dep("新生儿科", "儿科"),
    dep("乳腺科", "外科"),
    dep("生殖医学科", "妇产科"),
    dep("儿童保健科", "儿科"),
    dep("妇女保健科", "妇产科"),
    dep("计划生育科", "妇产科"),
    dep("中医科", "中医科"),
    dep("遗传咨询科", "妇产科"),
    dep("小儿外科", "儿科"),
    dep("口腔科", "五官科"),
  ],
  tcm: [
    dep("中医内科", "中医科"),
    dep("针灸科", "中医科"),
    dep("推拿科", "中医科"),
    dep("中医妇科", "中医科"),
    dep("中医儿科", "中医科"),
    dep("中医骨伤科", "中医科"),
    dep("中医皮肤科", "中医科"),
    dep("脾胃病科", "中医科"),
    dep("心血管科", "内科"),
    dep("肺病科", "内科"),
    dep("治未病科", "中医科"),
    dep("肾病科", "内科"),
    dep("康复科", "康复医学科"),
  ],
};

export const SURNAMES = [
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤",
];
export const GIVEN_MALE = [
  ..."伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林国建志文东海峰振宏毅成",
];
export const GIVEN_FEMALE = [..."芳娜敏静丽艳娟霞燕玲丹萍红玉兰琳雪梅婷慧莉倩颖洁佳欣悦雯琴云秀凤晶蕾"];

export interface TitleLevel {
  title: string;
  weight: number;
}
export const TITLES: readonly TitleLevel[] = [
  { title: "主任医师", weight: 2 },
  { title: "副主任医师", weight: 3 },
  { title: "主治医师", weight: 4 },
  { title: "住院医师", weight: 1 },
];

const EXPERTISE: Record<string, string> = {
  内科: "高血压、糖尿病、慢性咳嗽等内科常见病的诊治",
  外科: "腹股沟疝、甲状腺结节、体表肿物的手术治疗",
  儿科: "小儿发热、咳嗽、腹泻及生长发育评估",
  妇产科: "月经不调、妇科炎症及孕期保健",
  眼科: "白内障、青光眼、近视防控",
  口腔科: "龋齿、牙周病、根管治疗及口腔修复",
  皮肤科: "湿疹、痤疮、荨麻疹及银屑病",
  耳鼻喉科: "鼻炎、鼻窦炎、中耳炎及咽喉疾病",
  中医科: "中医调理体质、失眠、脾胃病",
  骨科: "颈肩腰腿痛、骨折创伤及关节置换",
  心血管内科: "冠心病、心律失常、心力衰竭",
  消化内科: "胃炎、消化性溃疡、消化内镜诊疗",
};

export function expertiseFor(department: string): string {
  return EXPERTISE[department] ?? `${department}常见病、多发病的诊断与治疗`;
}
