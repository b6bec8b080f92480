// The fixed part of the world: cities and their hospitals, in the order the unit list returns them.
// Names, levels and districts are fixed so that "深圳市人民医院 is the first hospital" holds for every
// seed; what the seed varies (departments, doctors, schedules, booking windows) is generated in world.ts.

export type HospitalKind = "general" | "children" | "women" | "tcm";

export interface HospitalSeed {
  name: string;
  level: "三甲" | "三乙" | "二甲";
  /** "1" public, "2" private */
  unitType: "1" | "2";
  kind: HospitalKind;
  district: string;
  areaCode: string;
  address: string;
}

export interface CitySeed {
  name: string;
  provinceName: string;
  provinceCode: string;
  cityCode: string;
  phonePrefix: string;
  /** lng, lat of the centre, for mapPoint */
  centre: [number, number];
  hospitals: HospitalSeed[];
}

const h = (
  name: string,
  level: HospitalSeed["level"],
  kind: HospitalKind,
  district: string,
  areaCode: string,
  address: string,
  unitType: "1" | "2" = "1",
): HospitalSeed => ({ name, level, kind, district, areaCode, address, unitType });

export const CITIES: readonly CitySeed[] = [
  {
    name: "深圳市",
    provinceName: "广东省",
    provinceCode: "440000",
    cityCode: "440300",
    phonePrefix: "0755",
    centre: [114.06, 22.54],
    hospitals: [
      h("深圳市人民医院", "三甲", "general", "罗湖区", "440303", "深圳市罗湖区东门北路1017号"),
      h("北京大学深圳医院", "三甲", "general", "福田区", "440304", "深圳市福田区莲花路1120号"),
      h("深圳市第二人民医院", "三甲", "general", "福田区", "440304", "深圳市福田区笋岗西路3002号"),
      h("香港大学深圳医院", "三甲", "general", "福田区", "440304", "深圳市福田区海园一路1号"),
      h("深圳市儿童医院", "三甲", "children", "福田区", "440304", "深圳市福田区益田路7019号"),
      h("深圳市妇幼保健院", "三甲", "women", "福田区", "440304", "深圳市福田区红荔路2004号"),
      h("深圳市中医院", "三甲", "tcm", "福田区", "440304", "深圳市福田区福华路1号"),
      h("南方医科大学深圳医院", "三甲", "general", "宝安区", "440306", "深圳市宝安区新湖路1333号"),
      h("深圳市南山区人民医院", "三乙", "general", "南山区", "440305", "深圳市南山区桃园路89号"),
      h("深圳市龙岗区第三人民医院", "二甲", "general", "龙岗区", "440307", "深圳市龙岗区横岗街道松柏路"),
      h("深圳和美妇儿科医院", "二甲", "women", "福田区", "440304", "深圳市福田区深南大道1021号", "2"),
    ],
  },
  {
    name: "广州市",
    provinceName: "广东省",
    provinceCode: "440000",
    cityCode: "440100",
    phonePrefix: "020",
    centre: [113.26, 23.13],
    hospitals: [
      h("中山大学附属第一医院", "三甲", "general", "越秀区", "440104", "广州市越秀区中山二路58号"),
      h("广东省人民医院", "三甲", "general", "越秀区", "440104", "广州市越秀区中山二路106号"),
      h("广州市妇女儿童医疗中心", "三甲", "women", "天河区", "440106", "广州市天河区金穗路9号"),
      h("南方医科大学南方医院", "三甲", "general", "白云区", "440111", "广州市白云区广州大道北1838号"),
      h("广州医科大学附属第一医院", "三甲", "general", "越秀区", "440104", "广州市越秀区沿江西路151号"),
      h("广州市第一人民医院", "三甲", "general", "越秀区", "440104", "广州市越秀区盘福路1号"),
      h("广东省中医院", "三甲", "tcm", "越秀区", "440104", "广州市越秀区大德路111号"),
      h("中山大学孙逸仙纪念医院", "三甲", "general", "越秀区", "440104", "广州市越秀区沿江西路107号"),
      h("广州市红十字会医院", "三甲", "general", "海珠区", "440105", "广州市海珠区同福中路396号"),
      h("广州市番禺区中心医院", "三乙", "general", "番禺区", "440113", "广州市番禺区桥南街福愉东路8号"),
    ],
  },
  {
    name: "北京市",
    provinceName: "北京市",
    provinceCode: "110000",
    cityCode: "110100",
    phonePrefix: "010",
    centre: [116.4, 39.9],
    hospitals: [
      h("北京协和医院", "三甲", "general", "东城区", "110101", "北京市东城区帅府园1号"),
      h("北京大学第一医院", "三甲", "general", "西城区", "110102", "北京市西城区西什库大街8号"),
      h("北京大学人民医院", "三甲", "general", "西城区", "110102", "北京市西城区西直门南大街11号"),
      h("北京大学第三医院", "三甲", "general", "海淀区", "110108", "北京市海淀区花园北路49号"),
      h("首都医科大学附属北京天坛医院", "三甲", "general", "丰台区", "110106", "北京市丰台区南四环西路119号"),
      h("首都医科大学附属北京同仁医院", "三甲", "general", "东城区", "110101", "北京市东城区东交民巷1号"),
      h("中日友好医院", "三甲", "general", "朝阳区", "110105", "北京市朝阳区樱花园东街2号"),
      h("首都医科大学附属北京儿童医院", "三甲", "children", "西城区", "110102", "北京市西城区南礼士路56号"),
      h("北京中医药大学东直门医院", "三甲", "tcm", "东城区", "110101", "北京市东城区海运仓5号"),
      h("北京市朝阳区妇幼保健院", "二甲", "women", "朝阳区", "110105", "北京市朝阳区潘家园华威里25号"),
      h("北京和睦家医院", "二甲", "general", "朝阳区", "110105", "北京市朝阳区将台路2号", "2"),
    ],
  },
  {
    name: "上海市",
    provinceName: "上海市",
    provinceCode: "310000",
    cityCode: "310100",
    phonePrefix: "021",
    centre: [121.47, 31.23],
    hospitals: [
      h("复旦大学附属中山医院", "三甲", "general", "徐汇区", "310104", "上海市徐汇区枫林路180号"),
      h("复旦大学附属华山医院", "三甲", "general", "静安区", "310106", "上海市静安区乌鲁木齐中路12号"),
      h("上海交通大学医学院附属瑞金医院", "三甲", "general", "黄浦区", "310101", "上海市黄浦区瑞金二路197号"),
      h("上海市第一人民医院", "三甲", "general", "虹口区", "310109", "上海市虹口区海宁路100号"),
      h("上海市第六人民医院", "三甲", "general", "徐汇区", "310104", "上海市徐汇区宜山路600号"),
      h(
        "上海交通大学医学院附属仁济医院",
        "三甲",
        "general",
        "浦东新区",
        "310115",
        "上海市浦东新区东方路160号",
      ),
      h("复旦大学附属儿科医院", "三甲", "children", "闵行区", "310112", "上海市闵行区万源路399号"),
      h("上海市中医医院", "三甲", "tcm", "黄浦区", "310101", "上海市黄浦区芷江中路274号"),
      h("上海市徐汇区中心医院", "三乙", "general", "徐汇区", "310104", "上海市徐汇区淮海中路966号"),
      h("上海市浦东新区妇幼保健院", "二甲", "women", "浦东新区", "310115", "上海市浦东新区沈梅路1号"),
    ],
  },
];
