// Chinese texts: the reference locale. en.ts is typed against this object, so a key missing in English
// fails to compile.
import type { ProblemCode } from "../patient/problems.js";

const periodNames: Record<"am" | "pm" | "em", string> = { am: "上午", pm: "下午", em: "晚上" };
const weekdays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"] as const;
const cancelWarning =
  "⚠️ 如果不能按时就诊，请尽早取消：很多医院会限制多次取消预约或爽约的患者继续预约（常见的规定是一个月或一年内三次）。";

export const zh = {
  languageName: "中文",
  start: {
    greeting: (name: string) =>
      `${name}，您好！我是医院预约挂号助手。\n我可以帮您选择医院、科室、医生和就诊时间，并完成挂号。`,
    bookButton: "📅 预约挂号",
    myBookingsButton: "📋 我的预约",
  },
  help: {
    text: [
      "使用说明：",
      "/book — 预约挂号：依次选择城市、医院、科室、医生、日期和时段，填写就诊人信息后确认",
      "/mybookings — 查看我的预约",
      "/cancel — 取消预约（也可 /cancel 订单号）",
      "/patients — 常用就诊人：查看、修改、删除",
      "/privacy — 查看我们保存的关于您的信息",
      "/deletedata — 删除我的全部数据",
      "/watches — 我的候补提醒（医生约满时，有空位立即通知您）",
      "/language — 切换语言",
      "/help — 显示本说明",
      "",
      "在列表中直接输入文字可以筛选，例如输入“人民”或拼音首字母“szrm”。",
    ].join("\n"),
  },
  commands: {
    start: "开始",
    book: "预约挂号",
    mybookings: "我的预约",
    cancel: "取消预约",
    watches: "候补提醒",
    language: "切换语言",
    help: "使用说明",
    patients: "常用就诊人",
    privacy: "我的个人信息",
    deletedata: "删除我的数据",
  },
  language: {
    choose: "请选择语言 / Choose your language:",
    changed: "已切换为中文。",
  },
  nav: {
    back: "⬅️ 返回",
    cancel: "✖️ 取消",
    prev: "◀️ 上一页",
    next: "下一页 ▶️",
    page: (page: number, pages: number) => `第 ${page}/${pages} 页`,
    startAgain: "🔄 重新开始",
  },
  flow: {
    cancelled: "已退出预约。需要时发送 /book 重新开始。",
    expired: "此菜单已过期",
    expiredMessage: "这个菜单已经过期了。请重新开始：",
    noActiveFlow: "当前没有进行中的预约。发送 /book 开始预约。",
    filterHint: "💡 直接输入名称或拼音首字母可筛选",
    filterActive: (q: string) => `🔎 筛选：“${q}”`,
    filterNone: (q: string) => `没有找到与“${q}”匹配的项，请换个关键词。`,
    clearFilter: "清除筛选",
    textNotExpected: "请点击上方的按钮进行选择，或输入文字筛选列表。",
    tapExpected: "请点击上方的按钮进行选择。",
    choiceNone: (q: string) => `没有与“${q}”对应的选项，请点击下方的按钮选择，或换个词输入。`,
    loading: "正在查询…",
    keyboardClosed: "好的。",
    stepReset: "机器人已更新，这一步需要重新选择。",
  },
  restart: {
    question: "您还有一个没有完成的预约，已经填写的信息都还在。要继续填写，还是放弃这些信息重新开始？",
    keepGoing: "▶️ 继续填写",
    startOver: "🔄 重新开始",
  },
  link: {
    stale: {
      hospital: "链接中的医院已不在平台上（或链接有误），请从城市开始选择。",
      department: "链接中的科室已不存在，请重新选择科室。",
      doctor: "链接中的医生已不在这个科室出诊，请重新选择医生。",
      schedule: "链接中的号源已不能预约，请重新选择日期。",
    },
  },
  city: {
    prompt: "请选择城市：",
    none: "目前没有可预约的医院。",
    button: (name: string, count: number) => `${name}（${count}家）`,
  },
  hospital: {
    prompt: (city: string) => `${city} — 请选择医院：`,
    button: (name: string, level: string) => (level ? `${name} · ${level}` : name),
  },
  department: {
    prompt: (hospital: string) => `${hospital}\n请选择科室：`,
    none: "该医院暂无可预约的科室。",
  },
  doctor: {
    prompt: (hospital: string, department: string) => `${hospital} · ${department}\n请选择医生：`,
    none: "该科室暂无医生出诊。",
    button: (name: string, title: string) => (title ? `${name} · ${title}` : name),
  },
  date: {
    prompt: (doctor: string, from: string, to: string) =>
      `${doctor}\n可预约日期（${from} 至 ${to}），请选择日期：`,
    none: (days: number) => `未来 ${days} 天内该医生没有排班，请选择其他医生。`,
    allFull: "该医生近期的号源已全部约满，请选择其他医生或稍后再试。",
    dayButton: (label: string, free: number) => (free > 0 ? `${label}（余${free}）` : `${label}（满）`),
    dayLabel: (mmdd: string, weekday: number) => `${mmdd} ${weekdays[weekday] ?? ""}`,
    when: (date: string, weekday: number, from: string, to: string) =>
      `${date}（${weekdays[weekday] ?? ""}）${from}–${to}`,
    sessionsPrompt: (doctor: string, day: string) => `${doctor} · ${day}\n请选择时段：`,
    sessionLine: (period: keyof typeof periodNames, level: string, fee: string, free: number) =>
      `${periodNames[period]} · ${level} · ¥${fee} · ${free > 0 ? `余${free}个` : "已满"}`,
    sessionFull: "该时段已约满",
    releaseHint: (time: string) => `每天 ${time} 放出新号源。`,
  },
  slot: {
    prompt: (doctor: string, day: string, period: string) => `${doctor} · ${day} ${period}\n请选择就诊时间：`,
    none: "这个时段的号源刚刚被约满了，请选择其他时段。",
    button: (from: string, to: string, free: number) => `${from}–${to}（余${free}）`,
  },
  period: periodNames,
  patient: {
    intro: "请填写就诊人信息（仅用于本次挂号）。",
    keep: (current: string) => `保持不变：${current}`,
    askName: "请输入就诊人的真实姓名：",
    askCertType: "请选择证件类型：",
    askCertNo: (kind: string) => `请输入${kind}号码：`,
    askSex: "请选择就诊人性别：",
    askBirthday: "请输入出生日期（例如 1990-01-31）：",
    askMobile: "请输入手机号码，或点击下方按钮分享您的 Telegram 手机号：",
    shareContact: "📱 分享手机号",
    askClinicNo: "如有该医院的门诊卡号请输入；没有请点击“没有”：",
    noClinicNo: "没有",
    askAddress: "请输入联系地址：",
    minorNotice: "就诊人未满 18 岁，需要填写监护人信息。",
    askGuardianName: "请输入监护人的真实姓名：",
    askGuardianCertType: "请选择监护人的证件类型：",
    askGuardianCertNo: (kind: string) => `请输入监护人的${kind}号码：`,
    askGuardianSex: "请选择监护人性别：",
    askGuardianBirthday: "请输入监护人的出生日期（例如 1980-01-31）：",
    askGuardianRelation: "监护人与就诊人的关系：",
    askGuardianMobile:
      "请输入监护人的手机号码（预约也将使用这个号码），或点击下方按钮分享您的 Telegram 手机号：",
    askBookingMobile: "预约使用的手机号码（医院的通知会发到这里）；不另外填写时使用监护人的号码：",
    derivedFromId: (birthday: string, sex: string) => `已从身份证号识别：出生日期 ${birthday}，性别 ${sex}。`,
    textExpected: "请用文字回答这个问题。",
    tooLong: "输入太长了，请简短一些。",
  },
  sex: { male: "男", female: "女" },
  relation: {
    parent: "父母",
    father: "父亲",
    mother: "母亲",
    grandparent: "祖父母/外祖父母",
    other: "其他监护人",
  },
  certificate: {
    id_card: "居民身份证",
    household_register: "户口簿",
    passport: "护照",
    officer_id: "军官证",
    driving_licence: "驾驶证",
    hk_macau_permit: "港澳居民来往内地通行证",
    taiwan_permit: "台湾居民来往大陆通行证",
    other: "其他证件",
  },
  problems: {
    "id_card.length": "身份证号应为 18 位，请检查后重新输入。",
    "id_card.characters": "身份证号只能包含数字，最后一位可以是 X，请重新输入。",
    "id_card.checksum": "身份证号校验位不正确，可能有数字输错了，请仔细核对后重新输入。",
    "id_card.birthday": "身份证号中的出生日期无效，请检查后重新输入。",
    "id_card.region": "身份证号的地区码无效，请检查后重新输入。",
    "passport.format": "护照号码应为 5 到 17 位字母或数字（例如 E12345678），请重新输入。",
    "hk_macau_permit.format": "港澳通行证号码应为 H 或 M 开头，后跟 8 位或 10 位数字，请重新输入。",
    "taiwan_permit.format": "台胞证号码应为 8 位数字（旧版为 10 位），请重新输入。",
    "household_register.format": "户口簿号码格式不正确，请输入户口簿上的身份证号码。",
    "officer_id.format": "证件号码应为 4 到 30 个字符，不含空格，请重新输入。",
    "driving_licence.format": "证件号码应为 4 到 30 个字符，不含空格，请重新输入。",
    "other.format": "证件号码应为 4 到 30 个字符，不含空格，请重新输入。",
    "mobile.format": "手机号码应为 11 位数字、以 1 开头（例如 13812345678），请重新输入。",
    "name.length": "姓名应为 2 到 30 个字，请重新输入。",
    "name.characters": "姓名只能包含汉字、字母及“·”，请重新输入。",
    "birthday.format": "无法识别这个日期，请按 1990-01-31 的格式输入。",
    "birthday.not_a_date": "这个日期不存在，请检查后重新输入。",
    "birthday.future": "出生日期不能晚于今天，请重新输入。",
    "birthday.before_1900": "出生日期不能早于 1900 年，请重新输入。",
    "clinic_no.length": "门诊卡号最多 30 位；没有请点击“没有”。",
    "clinic_no.characters": "门诊卡号只能包含字母和数字；没有请点击“没有”。",
    "address.length": "地址应为 4 到 100 个字，请重新输入。",
    "address.characters": "地址中含有无法识别的字符，请重新输入。",
    "relation.unknown": "请点击上方的按钮选择监护人与就诊人的关系。",
    "relation.sex_mismatch": "所选关系与监护人的性别不符（父亲为男性，母亲为女性），请重新选择。",
    "contact.not_own": "这张名片不是您本人的 Telegram 手机号。请直接输入手机号码（家人的号码也可以）。",
    "choice.expected": "请点击上方的按钮进行选择。",
    "choice.unknown": "这个选项不在列表中，请点击上方的按钮重新选择。",
    "patient.mismatch": "信息前后不一致，请重新填写。",
    "patient.birthday_future": "出生日期不能晚于今天，请重新填写。",
    "patient.birthday_mismatch": "出生日期与身份证号不一致，请重新填写。",
    "patient.sex_mismatch": "性别与身份证号不一致，请重新填写。",
    "patient.guardian_required": "就诊人未满 18 岁，需要填写监护人信息。",
    "guardian.birthday_mismatch": "监护人的出生日期与其身份证号不一致，请重新填写。",
    "guardian.sex_mismatch": "监护人的性别与其身份证号不一致，请重新填写。",
    "guardian.minor": "监护人必须年满 18 岁，请重新输入。",
    "guardian.same_certificate": "这是就诊人本人的证件号码。请输入监护人自己的证件号码。",
  } satisfies Record<ProblemCode, string>,
  confirm: {
    summary: (s: {
      hospital: string;
      department: string;
      doctor: string;
      when: string;
      fee: string;
      patient: string;
      certificate: string;
      mobile: string;
      guardian?: string;
    }) =>
      [
        "请核对预约信息：",
        `🏥 医院：${s.hospital}`,
        `🩺 科室：${s.department}`,
        `👨‍⚕️ 医生：${s.doctor}`,
        `🕘 时间：${s.when}`,
        `💴 费用：¥${s.fee}`,
        `👤 就诊人：${s.patient}`,
        `🪪 证件：${s.certificate}`,
        `📱 手机：${s.mobile}`,
        ...(s.guardian ? [`👪 监护人：${s.guardian}`] : []),
      ].join("\n"),
    patientLine: (name: string, sex: string, birthday: string) => `${name}（${sex}，${birthday}）`,
    confirmButton: "✅ 确认预约",
    changeButton: "✏️ 修改",
    changeWhat: "要修改哪一项？",
    changeTime: "🕘 就诊时间",
    changePatient: "👤 就诊人信息",
    placing: "正在提交预约…",
    placed: (s: { orderId: string; takeNo: string; when: string; hospital: string }) =>
      [
        "✅ 预约成功！",
        `订单号：${s.orderId}`,
        `取号密码：${s.takeNo}`,
        `${s.hospital}，${s.when}`,
        "请按时到医院凭取号密码取号就诊。发送 /mybookings 查看预约。",
      ].join("\n"),
    slotTaken: "抱歉，这个时间刚刚被其他人约走了。请选择其他时间：",
    failed: (msg: string) => `医院系统未能完成预约：${msg}\n您填写的信息已保留，可以重试。`,
    retry: "🔁 重试",
    unavailable: "医院系统暂时无法访问，您的信息已保留，请稍后重试。",
    outcomeUnknown: (when: string) =>
      `⚠️ 医院系统没有及时响应，无法确认 ${when} 的预约是否成功。为避免重复挂号，我们不会自动重新提交。\n请稍后在 /mybookings 中查看，或直接联系医院确认。`,
    alreadyPlaced: "这个预约已经提交过了。发送 /mybookings 查看。",
    unresolved: (entry: string) =>
      `⚠️ 这位就诊人在这个时段已有一笔结果未知的预约：\n\n${entry}\n\n为避免重复挂号，本次没有提交。请先联系医院确认；如果医院确认没有预约成功，请点下面的按钮，然后再次确认预约。`,
    notBookedButton: "☑️ 我已向医院确认：没有预约成功",
    notBookedNoted: "已记下。现在可以再次确认预约。",
    unsavedNote: "⚠️ 请记下订单号和取号密码：我们的记录稍后才会补上。",
  },
  bookings: {
    title: "📋 我的预约",
    empty: "您还没有通过本助手预约。发送 /book 开始预约。",
    upcoming: "即将就诊：",
    past: (days: number) => `近 ${days} 天的记录：`,
    unresolvedTitle: "⚠️ 结果未知：",
    cancelledTitle: "已取消 / 未成功：",
    entry: (s: {
      n: number;
      when: string;
      hospital: string;
      department: string;
      doctor: string;
      patient: string;
      fee: string;
      status: string;
      orderId?: string;
      takeNo?: string;
    }) =>
      [
        `${s.n}. 🕘 ${s.when}`,
        `🏥 ${s.hospital} · ${s.department}`,
        `👨‍⚕️ ${s.doctor} · 👤 ${s.patient} · 💴 ¥${s.fee}`,
        ...(s.orderId ? [`订单号 ${s.orderId} · 取号密码 ${s.takeNo ?? ""}`] : []),
        s.status,
      ].join("\n"),
    status: {
      booked: "✅ 已预约",
      cancelled: "🚫 已取消",
      unknown: "⚠️ 结果未知，请向医院确认",
      placing: "⚠️ 结果未知（提交时中断），请向医院确认",
      not_booked: "☑️ 未预约成功（已向医院确认）",
      elapsed: "🕘 已过就诊时间",
    },
    cancelButton: (n: number, when: string) => `❌ 取消第 ${n} 项（${when}）`,
    unknownGuidance:
      "⚠️ 标记为“结果未知”的预约：提交时医院系统没有响应，无法确认是否预约成功。请致电医院确认；这类预约无法通过本助手取消。",
    resumeButton: "↩️ 继续刚才的预约",
  },
  cancel: {
    choose: "请选择要取消的预约：",
    pickButton: (when: string, hospital: string) => `${when} ${hospital}`,
    none: "您没有可以取消的预约（只能取消尚未到就诊时间的预约）。",
    notFound: "没有找到这个预约。发送 /mybookings 查看您的预约。",
    past: "这个预约的就诊时间已过，不能取消。",
    alreadyCancelled: "这个预约已经取消过了。",
    unknownOutcome: "这个预约的结果未知（提交时医院系统没有响应），无法在线取消。请直接联系医院确认。",
    askReason: (booking: string) => `${booking}\n\n请选择取消原因，或直接输入（100 字以内）：`,
    reasons: {
      schedule: "时间冲突",
      recovered: "病情好转",
      other_hospital: "已在其他医院就诊",
      mistake: "预约信息有误",
    },
    review: (s: { when: string; hospital: string; department: string; doctor: string; reason: string }) =>
      `将要取消：\n🕘 ${s.when}\n🏥 ${s.hospital} ${s.department} ${s.doctor}\n原因：${s.reason}\n\n${cancelWarning}\n\n确定取消吗？`,
    confirmButton: "✅ 确认取消预约",
    keepButton: "不取消了",
    working: "正在取消…",
    done: (orderId: string, when: string) => `✅ 预约已取消（订单号 ${orderId}，${when}）。`,
    kept: "好的，预约保持不变。",
    refused: (msg: string) => `医院系统拒绝取消：${msg}\n预约保持不变。`,
    tooLate: "已超过可取消的时间，无法在线取消，请联系医院。",
    hospitalNotFound: "医院系统中找不到这个订单，无法在线取消。请联系医院确认。",
    unavailable: "医院系统暂时无法访问，预约尚未取消。请稍后点击重试。",
    inProgress: "这个预约正在取消中，请稍后发送 /mybookings 查看结果。",
    reasonTooLong: "原因请控制在 100 字以内。",
    reasonExpected: "请选择取消原因，或用文字输入原因。",
  },
  aftercare: {
    calendarButton: "📅 添加到日历",
    calendarButtonN: (n: number) => `📅 第 ${n} 项加入日历`,
    calendarCaption: "📅 打开这个文件即可把就诊加入手机或电脑的日历（含就诊前 2 小时的提醒）。",
    notFound: "没有找到这个预约。发送 /mybookings 查看您的预约。",
    calendar: {
      summary: (hospital: string, department: string) => `就诊：${hospital} ${department}`,
      description: (s: {
        orderId: string;
        takeNo: string;
        department: string;
        doctor: string;
        telephone?: string;
      }) =>
        [
          `订单号：${s.orderId}`,
          `取号密码：${s.takeNo}`,
          `${s.department} · ${s.doctor}`,
          ...(s.telephone ? [`医院电话：${s.telephone}`] : []),
          "请凭取号密码到医院取号。",
        ].join("\n"),
      alarm: (hospital: string) => `2 小时后在${hospital}就诊`,
    },
    reminder: (s: {
      when: string;
      hospital: string;
      department: string;
      doctor: string;
      orderId: string;
      takeNo: string;
      address?: string;
      telephone?: string;
      busRoute?: string;
      warning: boolean;
    }) =>
      [
        "⏰ 就诊提醒",
        `🕘 ${s.when}`,
        `🏥 ${s.hospital} · ${s.department}`,
        `👨‍⚕️ ${s.doctor}`,
        `🔑 取号密码：${s.takeNo}（订单号 ${s.orderId}）`,
        ...(s.address ? [`📍 地址：${s.address}`] : []),
        ...(s.telephone ? [`☎️ 电话：${s.telephone}`] : []),
        ...(s.busRoute ? [`🚌 乘车路线：${s.busRoute}`] : []),
        "请提前到医院，凭取号密码取号就诊。",
        ...(s.warning ? ["", cancelWarning] : []),
      ].join("\n"),
    cancelButton: "❌ 取消预约",
    stopAlert: (s: {
      when: string;
      hospital: string;
      department: string;
      doctor: string;
      telephone?: string;
    }) =>
      [
        "⚠️ 医院可能已停诊",
        "您的预约：",
        `🕘 ${s.when}`,
        `🏥 ${s.hospital} · ${s.department}`,
        `👨‍⚕️ ${s.doctor}`,
        "",
        "这位医生这个时段的出诊已经从医院的排班中消失（间隔两次查询都是如此），医院很可能已经停诊。",
        `本助手没有取消任何预约。请联系医院确认${s.telephone ? `：☎️ ${s.telephone}` : "。"}`,
      ].join("\n"),
    rebookButton: "🔍 改约其他时间",
    watchButton: "🔔 关注这位医生",
    otherDoctorsButton: "👨‍⚕️ 本科室其他医生",
  },
  consent: {
    notice: (k: { sessionHours: number; bookingDays: number; idleDays: number }) =>
      [
        "🔒 个人信息保护说明",
        "挂号需要就诊人的姓名、证件类型和号码、性别、出生日期、手机号、地址，未成年人还需要监护人的信息。这些属于敏感个人信息。",
        "用途：仅用于向您选择的医院挂号；只通过 91160 平台发送给该医院，不提供给其他任何人。",
        `保存：填写中的信息加密保存，挂号完成或 ${k.sessionHours} 小时无操作后删除；预约记录只保存打码后的姓名，就诊后 ${k.bookingDays} 天删除；只有您选择“保存就诊人”时才会保存就诊人信息（加密），${k.idleDays} 天未使用自动删除。`,
        "您可以随时发送 /privacy 查看我们保存的内容，发送 /deletedata 删除全部数据。",
        "您同意我们为挂号处理上述信息吗？",
      ].join("\n\n"),
    agreeButton: "✅ 同意",
    declineButton: "不同意",
    declined: "好的，我们不会收集您的信息，本次预约已结束。如果改变主意，可以随时发送 /book 重新开始。",
  },
  savedPatients: {
    certShort: {
      id_card: "身份证",
      household_register: "户口簿",
      passport: "护照",
      officer_id: "军官证",
      driving_licence: "驾驶证",
      hk_macau_permit: "港澳通行证",
      taiwan_permit: "台胞证",
      other: "其他证件",
    } as Record<string, string>,
    button: (name: string, cert: string, last4: string) => `${name} · ${cert} ****${last4}`,
    pickPrompt: "请选择就诊人：",
    someoneElse: "➕ 其他人",
    offer: (name: string) => `下次还为 ${name} 挂号吗？可以保存就诊人信息（加密保存），下次一键选择。`,
    saveButton: (name: string) => `💾 保存 ${name}`,
    noThanks: "不用了",
    saved: (name: string) => `已保存就诊人 ${name}。发送 /patients 可以查看、修改或删除。`,
    notSaved: "好的，不保存。",
    full: (max: number) => `最多只能保存 ${max} 位就诊人。请先发送 /patients 删除一位。`,
    offerExpired: "这个提问已过期，就诊人没有保存。",
    listTitle: (count: number, max: number) => `👥 常用就诊人（${count}/${max}）：`,
    empty: "您还没有保存就诊人。挂号成功后可以选择保存。",
    details: (s: {
      name: string;
      cert: string;
      sex: string;
      birthday: string;
      mobile: string;
      address: string;
      guardian?: string;
      cards: number;
    }) =>
      [
        `👤 ${s.name}（${s.sex}，${s.birthday}）`,
        `🪪 ${s.cert}`,
        `📱 ${s.mobile}`,
        `🏠 ${s.address}`,
        ...(s.guardian ? [`👪 监护人：${s.guardian}`] : []),
        `💳 已保存 ${s.cards} 家医院的门诊卡号`,
      ].join("\n"),
    editButton: "✏️ 修改",
    deleteButton: "🗑 删除",
    closeButton: "完成",
    closed: "好的。需要时发送 /patients 查看常用就诊人。",
    confirmDelete: (name: string) => `确定删除就诊人 ${name} 吗？`,
    deleteYes: "🗑 确定删除",
    deleted: (name: string) => `已删除就诊人 ${name}。`,
    gone: "这位就诊人已不存在。",
    editWhat: (name: string) => `修改 ${name} 的哪一项？`,
    fields: {
      name: "姓名",
      certificate: "证件",
      sex: "性别",
      birthday: "出生日期",
      mobile: "手机号",
      address: "地址",
      guardian: "监护人",
    },
    editSaved: (name: string) => `✅ 已更新 ${name} 的信息。`,
  },
  privacy: {
    title: "🔒 我们目前保存的关于您的信息：",
    session: (n: number, hours: number): string =>
      n > 0
        ? `💬 当前对话（选择和填写中的信息，信息已加密）：${hours} 小时无操作或挂号结束后删除`
        : "💬 当前没有进行中的对话",
    savedPatients: (n: number, days: number): string =>
      n > 0
        ? `👥 常用就诊人 ${n} 位（加密）：${days} 天未使用自动删除，也可发送 /patients 删除`
        : "👥 没有保存的就诊人",
    bookings: (n: number, days: number): string =>
      n > 0 ? `📋 预约记录 ${n} 条（姓名已打码）：就诊日后 ${days} 天删除` : "📋 没有预约记录",
    watches: (n: number): string => (n > 0 ? `🔔 候补提醒 ${n} 个：提醒结束后删除` : "🔔 没有候补提醒"),
    reminders: (n: number): string =>
      n > 0 ? `⏰ 就诊提醒和停诊检查 ${n} 项（预约）：就诊后 3 天删除` : "⏰ 没有就诊提醒",
    consent: (date: string | undefined, version: string): string =>
      date
        ? `✅ 您于 ${date} 同意了个人信息保护说明（版本 ${version}）：保存到您删除数据为止`
        : "✅ 您还没有同意个人信息保护说明",
    flood: (n: number): string => (n > 0 ? "⏱ 防刷屏计数：几秒钟后自动删除" : ""),
    other: (name: string, n: number) => `• ${name}：${n}`,
    footer: "发送 /deletedata 删除以上全部信息。",
  },
  deleteData: {
    ask: [
      "🗑 删除我的数据",
      "将删除：当前对话和填写中的信息、常用就诊人、预约记录、候补提醒、同意记录和其他计数。此操作不能撤销。",
      "无法删除：已提交给医院的挂号订单。如需取消，请先发送 /cancel 取消，或直接联系医院。删除后本机器人将无法再为您取消这些订单。",
      "确定删除吗？",
    ].join("\n\n"),
    yes: "🗑 确定全部删除",
    no: "不删除",
    done: "✅ 您的数据已全部删除。已提交给医院的订单仍在医院系统中，如需处理请联系医院。",
    partial: "部分数据暂时无法删除，请稍后再发送 /deletedata。",
    kept: "好的，没有删除任何数据。",
  },
  watch: {
    watchButton: "🔔 候补提醒",
    watchAnyButton: "🔔 本科室任意医生",
    doctorWhat: (doctor: string, hospital: string, department: string) =>
      `${doctor}（${hospital} · ${department}）`,
    departmentWhat: (hospital: string, department: string) => `${hospital} · ${department} 的任意医生`,
    askDays: (what: string) =>
      `🔔 候补提醒：${what}\n有人退号或放出新号时，我会按先来后到的顺序通知您。\n要关注哪些日子？`,
    days: { "3": "未来 3 天", "7": "未来 7 天", "14": "未来 14 天", window: "整个可预约期" },
    askSessions: (what: string, until: string) => `🔔 ${what}，关注到 ${until}\n要关注哪些时段？`,
    sessions: { am: "上午", pm: "下午", em: "晚上", any: "任意时段" },
    set: (what: string, sessions: string, until: string) =>
      `🔔 已开始候补：${what}，${sessions}，到 ${until} 为止。有空位时我会马上通知您；发送 /watches 可以随时停止。`,
    limit: (max: number) => `您已有 ${max} 个进行中的候补提醒，已达上限。请先在 /watches 中停止一个。`,
    offer: (s: {
      doctor: string;
      place: string;
      day: string;
      session: string;
      times: string;
      left: number;
      fee: string;
      holdMinutes: number;
    }) =>
      [
        "🔔 有空位了！",
        `👨‍⚕️ ${s.doctor}`,
        `🏥 ${s.place}`,
        `🕘 ${s.day} ${s.session}${s.times ? `（${s.times}）` : ""}`,
        `🎫 余 ${s.left} 个 · 💴 ¥${s.fee}`,
        `这个空位在 ${s.holdMinutes} 分钟内只通知您一人；但医院不会为您保留，其他渠道的患者仍可能先约走，请尽快预约。`,
      ].join("\n"),
    bookNow: "✅ 立即预约",
    keepWatching: "🔔 继续候补",
    stop: "🛑 停止候补",
    taken: "😔 这个号已经被约走了。我们会继续为您候补。",
    kept: "好的，继续为您候补。",
    stopped: (what: string) => `🛑 已停止候补：${what}。`,
    gone: "这个候补提醒已经结束了。",
    ended: {
      days: (what: string) => `⏰ 候补提醒已结束：${what}，关注的日期已经过去。需要时可以重新设置。`,
      age: (what: string) => `⏰ 候补提醒已结束：${what}，已满 30 天。需要时可以重新设置。`,
    },
    list: {
      title: "🔔 我的候补提醒",
      empty: "您没有进行中的候补提醒。在医生的日期页面点击“🔔 候补提醒”即可开始。",
      entry: (n: number, what: string, sessions: string, until: string) =>
        `${n}. ${what}\n   ${sessions} · 到 ${until}`,
      stopButton: (n: number) => `🛑 停止第 ${n} 项`,
    },
    auto: {
      ask: (what: string) =>
        [
          `🤖 ${what}：有空位时要我直接替您预约吗？`,
          "⚠️ 请注意：我会以所选就诊人的名义向医院提交一笔真实的预约订单，不再先问您。医院会把多次取消预约或爽约（预约了却没去）的患者列入黑名单，常见规则是一个月或一年内 3 次，之后一段时间内无法预约。只在您确定能去就诊时选择。",
          "每个候补提醒最多自动预约一次，预约成功后候补即结束。",
        ].join("\n\n"),
      patientButton: (label: string) => `🤖 替 ${label} 自动预约`,
      notifyOnly: "🔔 不用，有空位时通知我",
      setNote: (patient: string) => `🤖 有空位时我会直接替 ${patient} 预约一次，然后结束这个候补。`,
      booked: (placed: string) => `🤖 按您的候补提醒，我已自动预约：\n\n${placed}\n\n这个候补提醒已结束。`,
      gone: (when: string) => `🤖 ${when} 刚才有空位，但在我预约前已被约走了。我会继续为您候补。`,
      failed: (when: string, reason: string) =>
        `🤖 未能为您自动预约 ${when}：${reason}\n我会继续为您候补，下次有空位时再试。`,
      unknown: (when: string) =>
        `🤖 ⚠️ ${when} 的自动预约没有得到医院的明确答复，无法确认是否成功。请先联系医院或在 /mybookings 中核实，不要重复预约。这个候补提醒已停止自动预约，之后有空位时只通知您。`,
      unresolved: (when: string) =>
        `🤖 ⚠️ ${when} 有空位，但这位就诊人在同一号源上已有一笔结果未知的预约，为避免重复挂号我没有提交。请先联系医院核实（/mybookings）。这个候补提醒已停止自动预约，之后有空位时只通知您。`,
      patientGone: "🤖 自动预约所选的就诊人已不在保存的就诊人中，这个候补提醒改为有空位时通知您。",
      listLine: (patient: string) => `   🤖 自动预约：${patient}`,
    },
  },
  privateOnly: {
    text: "为保护您的隐私，预约只在与我的私聊中进行。请点下面的按钮打开私聊。",
    button: "💬 打开私聊",
  },
  errors: {
    generic: "抱歉，出了点问题。您的信息已保留，请再试一次。",
    busy: "服务繁忙，请稍后再试。",
    sessionUnavailable: "服务暂时不可用，请稍后再试。您之前填写的信息不会丢失。",
    sessionUnavailableNoPromise: "服务暂时不可用，请稍后再试。如果之前填写的信息没有保留，请重新填写。",
    hospitalCodes: {
      "10001": "医院系统暂时拒绝了本助手的访问，请稍后重试。",
      "50000": "医院系统内部出错，请稍后重试。",
    } as Partial<Record<string, string>>,
    hospitalUnavailable: "医院系统暂时无法访问，请稍后重试。",
    hospitalRefused: (msg: string) => `医院系统返回错误：${msg}`,
    flood: "您的操作太频繁了，请稍等片刻再试。",
  },
};

export type Locale = typeof zh;
