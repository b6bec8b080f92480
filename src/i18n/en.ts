// English texts, typed against the Chinese reference so that both stay complete.
import type { Locale } from "./zh.js";

const periodNames: Record<"am" | "pm" | "em", string> = { am: "Morning", pm: "Afternoon", em: "Evening" };
const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const cancelWarning =
  "⚠️ If you cannot go, cancel as early as you can: many hospitals stop patients who cancel or miss visits repeatedly from booking (commonly three times in a month or in a year).";

export const en: Locale = {
  languageName: "English",
  start: {
    greeting: (name: string) =>
      `Hello, ${name}! I am your hospital booking assistant.\nI can help you choose a hospital, department, doctor and time, and book the appointment.`,
    bookButton: "📅 Book an appointment",
    myBookingsButton: "📋 My bookings",
  },
  help: {
    text: [
      "How to use this bot:",
      "/book — book an appointment: choose city, hospital, department, doctor, date and time, enter the patient's details and confirm",
      "/mybookings — your bookings",
      "/cancel — cancel a booking (or /cancel <order number>)",
      "/patients — saved patients: see, edit, delete",
      "/privacy — what the bot keeps about you",
      "/deletedata — delete all your data",
      "/watches — your watches (when a doctor is full, I tell you as soon as a place frees)",
      "/language — change language",
      "/help — this help",
      "",
      'In any list, type part of a name or its pinyin initials to filter it, e.g. "renmin" or "szrm".',
    ].join("\n"),
  },
  commands: {
    start: "Start",
    book: "Book an appointment",
    mybookings: "My bookings",
    cancel: "Cancel a booking",
    watches: "My watches",
    language: "Change language",
    help: "Help",
    patients: "Saved patients",
    privacy: "What the bot keeps about me",
    deletedata: "Delete my data",
  },
  language: {
    choose: "请选择语言 / Choose your language:",
    changed: "Language set to English.",
  },
  nav: {
    back: "⬅️ Back",
    cancel: "✖️ Cancel",
    prev: "◀️ Previous",
    next: "Next ▶️",
    page: (page: number, pages: number) => `Page ${page}/${pages}`,
    startAgain: "🔄 Start again",
  },
  flow: {
    cancelled: "Booking cancelled. Send /book whenever you want to start again.",
    expired: "This menu has expired",
    expiredMessage: "That menu has expired. Start again:",
    noActiveFlow: "There is no booking in progress. Send /book to start one.",
    filterHint: "💡 Type part of a name or its pinyin initials to filter",
    filterActive: (q: string) => `🔎 Filter: "${q}"`,
    filterNone: (q: string) => `Nothing matches "${q}". Try another word.`,
    clearFilter: "Clear filter",
    textNotExpected: "Please tap one of the buttons above, or type to filter the list.",
    tapExpected: "Please tap one of the buttons above.",
    choiceNone: (q: string) =>
      `No option matches "${q}". Please tap one of the buttons below, or type another word.`,
    loading: "Looking that up…",
    keyboardClosed: "OK.",
    stepReset: "The bot has been updated: please choose again at this step.",
  },
  restart: {
    question:
      "You have a booking in progress, and what you entered is still here. Keep going, or discard it and start over?",
    keepGoing: "▶️ Keep going",
    startOver: "🔄 Start over",
  },
  link: {
    stale: {
      hospital:
        "The hospital in that link is no longer on the platform (or the link is wrong): please choose from the city.",
      department: "The department in that link no longer exists: please choose a department.",
      doctor: "The doctor in that link no longer sees patients in that department: please choose a doctor.",
      schedule: "The session in that link can no longer be booked: please choose a day.",
    },
  },
  city: {
    prompt: "Choose a city:",
    none: "No hospitals are open for booking right now.",
    button: (name: string, count: number) => `${name} (${count})`,
  },
  hospital: {
    prompt: (city: string) => `${city} — choose a hospital:`,
    button: (name: string, level: string) => (level ? `${name} · ${level}` : name),
  },
  department: {
    prompt: (hospital: string) => `${hospital}\nChoose a department:`,
    none: "This hospital has no departments open for booking.",
  },
  doctor: {
    prompt: (hospital: string, department: string) => `${hospital} · ${department}\nChoose a doctor:`,
    none: "No doctors are seeing patients in this department.",
    button: (name: string, title: string) => (title ? `${name} · ${title}` : name),
  },
  date: {
    prompt: (doctor: string, from: string, to: string) =>
      `${doctor}\nBookable days (${from} to ${to}), choose a day:`,
    none: (days: number) =>
      `This doctor has no sessions in the next ${days} days. Please choose another doctor.`,
    allFull:
      "All of this doctor's sessions are fully booked. Please choose another doctor or try again later.",
    dayButton: (label: string, free: number) => (free > 0 ? `${label} (${free} left)` : `${label} (full)`),
    dayLabel: (mmdd: string, weekday: number) => `${weekdays[weekday] ?? ""} ${mmdd}`,
    when: (date: string, weekday: number, from: string, to: string) =>
      `${weekdays[weekday] ?? ""} ${date}, ${from}–${to}`,
    sessionsPrompt: (doctor: string, day: string) => `${doctor} · ${day}\nChoose a session:`,
    sessionLine: (period: keyof typeof periodNames, level: string, fee: string, free: number) =>
      `${periodNames[period]} · ${level} · ¥${fee} · ${free > 0 ? `${free} left` : "full"}`,
    sessionFull: "This session is fully booked",
    releaseHint: (time: string) => `New slots are released daily at ${time} (China time).`,
  },
  slot: {
    prompt: (doctor: string, day: string, period: string) => `${doctor} · ${day} ${period}\nChoose a time:`,
    none: "This session has just been fully booked. Please choose another session.",
    button: (from: string, to: string, free: number) => `${from}–${to} (${free} left)`,
  },
  period: periodNames,
  patient: {
    intro: "Please enter the patient's details (used for this booking only).",
    keep: (current: string) => `Keep: ${current}`,
    askName: "Patient's full legal name:",
    askCertType: "Type of identity document:",
    askCertNo: (kind: string) => `${kind} number:`,
    askSex: "Patient's sex:",
    askBirthday: "Date of birth (e.g. 1990-01-31):",
    askMobile: "Mobile number (mainland China), or tap the button below to share your Telegram number:",
    shareContact: "📱 Share my number",
    askClinicNo: 'Outpatient card number at this hospital, if you have one; otherwise tap "None":',
    noClinicNo: "None",
    askAddress: "Contact address:",
    minorNotice: "The patient is under 18, so a guardian's details are needed.",
    askGuardianName: "Guardian's full legal name:",
    askGuardianCertType: "Guardian's type of identity document:",
    askGuardianCertNo: (kind: string) => `Guardian's ${kind} number:`,
    askGuardianSex: "Guardian's sex:",
    askGuardianBirthday: "Guardian's date of birth (e.g. 1980-01-31):",
    askGuardianRelation: "Guardian's relation to the patient:",
    askGuardianMobile:
      "Guardian's mobile number (the booking uses it too), or tap the button below to share your Telegram number:",
    askBookingMobile:
      "Mobile number for this booking (the hospital's messages go there); unless you give another, the guardian's is used:",
    derivedFromId: (birthday: string, sex: string) => `From the ID number: born ${birthday}, ${sex}.`,
    textExpected: "Please answer this question with text.",
    tooLong: "That is too long; please keep it shorter.",
  },
  sex: { male: "male", female: "female" },
  relation: {
    parent: "Parent",
    father: "Father",
    mother: "Mother",
    grandparent: "Grandparent",
    other: "Other guardian",
  },
  certificate: {
    id_card: "Resident ID card",
    household_register: "Household register",
    passport: "Passport",
    officer_id: "Military officer ID",
    driving_licence: "Driving licence",
    hk_macau_permit: "Home Return Permit (HK/Macau)",
    taiwan_permit: "Taiwan Compatriot Permit",
    other: "Other document",
  },
  problems: {
    "id_card.length": "A resident ID number has 18 characters. Please check it and try again.",
    "id_card.characters":
      "A resident ID number has only digits, with X allowed as the last one. Please try again.",
    "id_card.checksum":
      "The check digit of this ID number does not match: a digit may be mistyped. Please check it and try again.",
    "id_card.birthday":
      "The date of birth inside this ID number is not valid. Please check it and try again.",
    "id_card.region": "The region code of this ID number is not valid. Please check it and try again.",
    "passport.format": "A passport number has 5 to 17 letters or digits (e.g. E12345678). Please try again.",
    "hk_macau_permit.format":
      "A Home Return Permit number is H or M followed by 8 or 10 digits. Please try again.",
    "taiwan_permit.format":
      "A Taiwan Compatriot Permit number has 8 digits (10 on older permits). Please try again.",
    "household_register.format": "Please enter the ID number shown in the household register.",
    "officer_id.format": "The document number should be 4 to 30 characters without spaces. Please try again.",
    "driving_licence.format":
      "The document number should be 4 to 30 characters without spaces. Please try again.",
    "other.format": "The document number should be 4 to 30 characters without spaces. Please try again.",
    "mobile.format":
      "A mainland mobile number has 11 digits starting with 1 (e.g. 13812345678). Please try again.",
    "name.length": "The name should be 2 to 30 characters. Please try again.",
    "name.characters":
      "The name may contain only letters, Chinese characters, spaces, hyphens and '·'. Please try again.",
    "birthday.format": "I could not read that date. Please write it like 1990-01-31.",
    "birthday.not_a_date": "That date does not exist. Please check it and try again.",
    "birthday.future": "The date of birth cannot be in the future. Please try again.",
    "birthday.before_1900": "The date of birth cannot be before 1900. Please try again.",
    "clinic_no.length": 'A card number has at most 30 characters. If there is none, tap "None".',
    "clinic_no.characters": 'A card number has only letters and digits. If there is none, tap "None".',
    "address.length": "The address should be 4 to 100 characters. Please try again.",
    "address.characters": "The address contains characters I cannot read. Please try again.",
    "relation.unknown": "Please choose the guardian's relation to the patient from the buttons above.",
    "relation.sex_mismatch":
      "That relation does not match the guardian's sex (a father is male, a mother female). Please choose again.",
    "contact.not_own":
      "That contact card is not your own Telegram number. Please type the mobile number instead (a family member's is fine).",
    "choice.expected": "Please tap one of the buttons above.",
    "choice.unknown": "That option is not on the list. Please tap one of the buttons above.",
    "patient.mismatch": "Some answers do not agree with each other. Please enter them again.",
    "patient.birthday_future": "The date of birth cannot be in the future. Please enter the details again.",
    "patient.birthday_mismatch":
      "The date of birth does not match the ID number. Please enter the details again.",
    "patient.sex_mismatch": "The sex does not match the ID number. Please enter the details again.",
    "patient.guardian_required": "The patient is under 18, so a guardian's details are needed.",
    "guardian.birthday_mismatch":
      "The guardian's date of birth does not match their ID number. Please enter the details again.",
    "guardian.sex_mismatch":
      "The guardian's sex does not match their ID number. Please enter the details again.",
    "guardian.minor": "The guardian must be at least 18. Please try again.",
    "guardian.same_certificate":
      "That is the patient's own document number. Please enter the guardian's own document number.",
  },
  confirm: {
    summary: (s) =>
      [
        "Please check your booking:",
        `🏥 Hospital: ${s.hospital}`,
        `🩺 Department: ${s.department}`,
        `👨‍⚕️ Doctor: ${s.doctor}`,
        `🕘 Time: ${s.when}`,
        `💴 Fee: ¥${s.fee}`,
        `👤 Patient: ${s.patient}`,
        `🪪 Document: ${s.certificate}`,
        `📱 Mobile: ${s.mobile}`,
        ...(s.guardian ? [`👪 Guardian: ${s.guardian}`] : []),
      ].join("\n"),
    patientLine: (name: string, sex: string, birthday: string) => `${name} (${sex}, born ${birthday})`,
    confirmButton: "✅ Confirm",
    changeButton: "✏️ Change",
    changeWhat: "What would you like to change?",
    changeTime: "🕘 Date and time",
    changePatient: "👤 Patient details",
    placing: "Placing your booking…",
    placed: (s) =>
      [
        "✅ Booked!",
        `Order number: ${s.orderId}`,
        `Pickup code: ${s.takeNo}`,
        `${s.hospital}, ${s.when}`,
        "Show the pickup code at the hospital to collect your number. Send /mybookings to see your bookings.",
      ].join("\n"),
    slotTaken: "Sorry, someone else has just taken that time. Please choose another:",
    failed: (msg: string) =>
      `The hospital could not complete the booking: ${msg}\nYour details are kept; you can retry.`,
    retry: "🔁 Retry",
    unavailable:
      "The hospital's system cannot be reached right now. Your details are kept; please retry shortly.",
    outcomeUnknown: (when: string) =>
      `⚠️ The hospital did not answer in time, so we cannot tell whether the booking for ${when} went through. To avoid booking twice, it will not be resubmitted automatically.\nCheck /mybookings later, or call the hospital to confirm.`,
    alreadyPlaced: "This booking has already been placed. Send /mybookings to see it.",
    unresolved: (entry: string) =>
      `⚠️ This patient already has a booking for this time whose outcome is unknown:\n\n${entry}\n\nTo avoid booking twice, nothing was sent. Please check with the hospital first; if the hospital says it was not booked, tap the button below and confirm again.`,
    notBookedButton: "☑️ I have checked with the hospital: it was not booked",
    notBookedNoted: "Noted. You can confirm the booking again now.",
    unsavedNote: "⚠️ Please write down the order number and pickup code: our records will catch up shortly.",
  },
  bookings: {
    title: "📋 My bookings",
    empty: "You have no bookings made with this assistant. Send /book to make one.",
    upcoming: "Upcoming:",
    past: (days) => `Last ${days} days:`,
    unresolvedTitle: "⚠️ Outcome unknown:",
    cancelledTitle: "Cancelled / not booked:",
    entry: (s) =>
      [
        `${s.n}. 🕘 ${s.when}`,
        `🏥 ${s.hospital} · ${s.department}`,
        `👨‍⚕️ ${s.doctor} · 👤 ${s.patient} · 💴 ¥${s.fee}`,
        ...(s.orderId ? [`Order ${s.orderId} · pickup code ${s.takeNo ?? ""}`] : []),
        s.status,
      ].join("\n"),
    status: {
      booked: "✅ Booked",
      cancelled: "🚫 Cancelled",
      unknown: "⚠️ Outcome unknown: check with the hospital",
      placing: "⚠️ Outcome unknown (interrupted while sending): check with the hospital",
      not_booked: "☑️ Not booked (checked with the hospital)",
      elapsed: "🕘 Appointment time has passed",
    },
    cancelButton: (n, when) => `❌ Cancel no. ${n} (${when})`,
    unknownGuidance:
      '⚠️ Bookings marked "outcome unknown": the hospital did not answer when the booking was sent, so we cannot tell whether it went through. Please call the hospital to check; such bookings cannot be cancelled here.',
    resumeButton: "↩️ Continue the booking I started",
  },
  cancel: {
    choose: "Which booking do you want to cancel?",
    pickButton: (when, hospital) => `${when} ${hospital}`,
    none: "You have no bookings that can be cancelled (only appointments that have not started yet can be).",
    notFound: "No such booking was found. Send /mybookings to see your bookings.",
    past: "This appointment is in the past and cannot be cancelled.",
    alreadyCancelled: "This booking is already cancelled.",
    unknownOutcome:
      "This booking's outcome is unknown (the hospital did not answer when it was sent), so it cannot be cancelled here. Please contact the hospital to check.",
    askReason: (booking) =>
      `${booking}\n\nWhy are you cancelling? Choose a reason or type one (up to 100 characters):`,
    reasons: {
      schedule: "Schedule conflict",
      recovered: "Feeling better",
      other_hospital: "Seen at another hospital",
      mistake: "Booked by mistake",
    },
    review: (s) =>
      `About to cancel:\n🕘 ${s.when}\n🏥 ${s.hospital} ${s.department} ${s.doctor}\nReason: ${s.reason}\n\n${cancelWarning}\n\nCancel this booking?`,
    confirmButton: "✅ Yes, cancel it",
    keepButton: "No, keep it",
    working: "Cancelling…",
    done: (orderId, when) => `✅ Booking ${orderId} (${when}) is cancelled.`,
    kept: "OK, the booking stays as it is.",
    refused: (msg) => `The hospital refused the cancellation: ${msg}\nThe booking is unchanged.`,
    tooLate: "It is too late to cancel this booking online. Please contact the hospital.",
    hospitalNotFound:
      "The hospital's system has no such order, so it cannot be cancelled here. Please contact the hospital.",
    unavailable:
      "The hospital's system cannot be reached right now; the booking is not cancelled yet. Please retry shortly.",
    inProgress: "This booking is being cancelled right now. Send /mybookings in a moment to see the result.",
    reasonTooLong: "Please keep the reason to 100 characters or fewer.",
    reasonExpected: "Please choose a reason, or type one.",
  },
  aftercare: {
    calendarButton: "📅 Add to calendar",
    calendarButtonN: (n) => `📅 No. ${n} to calendar`,
    calendarCaption:
      "📅 Open this file to add the visit to your phone's or computer's calendar (with an alert 2 hours before).",
    notFound: "I could not find this booking. Send /mybookings to see your bookings.",
    calendar: {
      summary: (hospital, department) => `Hospital visit: ${hospital} ${department}`,
      description: (s) =>
        [
          `Order number: ${s.orderId}`,
          `Pickup code: ${s.takeNo}`,
          `${s.department} · ${s.doctor}`,
          ...(s.telephone ? [`Hospital telephone: ${s.telephone}`] : []),
          "Show the pickup code at the hospital to collect your number.",
        ].join("\n"),
      alarm: (hospital) => `Visit at ${hospital} in 2 hours`,
    },
    reminder: (s) =>
      [
        "⏰ Visit reminder",
        `🕘 ${s.when}`,
        `🏥 ${s.hospital} · ${s.department}`,
        `👨‍⚕️ ${s.doctor}`,
        `🔑 Pickup code: ${s.takeNo} (order ${s.orderId})`,
        ...(s.address ? [`📍 Address: ${s.address}`] : []),
        ...(s.telephone ? [`☎️ Telephone: ${s.telephone}`] : []),
        ...(s.busRoute ? [`🚌 Getting there: ${s.busRoute}`] : []),
        "Please arrive early and collect your number with the pickup code.",
        ...(s.warning ? ["", cancelWarning] : []),
      ].join("\n"),
    cancelButton: "❌ Cancel booking",
    stopAlert: (s) =>
      [
        "⚠️ The hospital seems to have cancelled the clinic",
        "Your booking:",
        `🕘 ${s.when}`,
        `🏥 ${s.hospital} · ${s.department}`,
        `👨‍⚕️ ${s.doctor}`,
        "",
        "This doctor's session has disappeared from the hospital's schedule (two checks a while apart agree), so the hospital has most likely cancelled the clinic (停诊).",
        `I have not cancelled anything. Please confirm with the hospital${s.telephone ? `: ☎️ ${s.telephone}` : "."}`,
      ].join("\n"),
    rebookButton: "🔍 Find another time",
    watchButton: "🔔 Watch this doctor",
    otherDoctorsButton: "👨‍⚕️ Other doctors here",
  },
  consent: {
    notice: (k) =>
      [
        "🔒 Your personal information",
        "To book, we need the patient's name, document type and number, sex, date of birth, mobile number and address, and for a minor the guardian's details. This is sensitive personal information.",
        "Why: only to book at the hospital you choose. It is sent only to that hospital, through the 91160 platform, and to no one else.",
        `How long: answers being filled in are kept encrypted and deleted when the booking ends or after ${k.sessionHours} hours without a message; booking records keep only the masked name and are deleted ${k.bookingDays} days after the visit; a patient is saved (encrypted) only if you choose to, and deleted after ${k.idleDays} days unused.`,
        "Send /privacy at any time to see what we keep, and /deletedata to delete all of it.",
        "Do you agree that we process this information for your booking?",
      ].join("\n\n"),
    agreeButton: "✅ Agree",
    declineButton: "Decline",
    declined:
      "All right: we will not collect your information, and this booking has ended. If you change your mind, send /book to start again.",
  },
  savedPatients: {
    certShort: {
      id_card: "ID card",
      household_register: "Household register",
      passport: "Passport",
      officer_id: "Officer ID",
      driving_licence: "Driving licence",
      hk_macau_permit: "HK/Macau permit",
      taiwan_permit: "Taiwan permit",
      other: "Document",
    },
    button: (name: string, cert: string, last4: string) => `${name} · ${cert} ****${last4}`,
    pickPrompt: "Who is the patient?",
    someoneElse: "➕ Someone else",
    offer: (name: string) =>
      `Book for ${name} again next time? The bot can save this patient (encrypted) so that next time it is one tap.`,
    saveButton: (name: string) => `💾 Save ${name}`,
    noThanks: "No, thanks",
    saved: (name: string) => `${name} is saved. Send /patients to see, edit or delete saved patients.`,
    notSaved: "All right, not saved.",
    full: (max: number) => `You can save at most ${max} patients. Send /patients and delete one first.`,
    offerExpired: "That question has expired; the patient was not saved.",
    listTitle: (count: number, max: number) => `👥 Saved patients (${count}/${max}):`,
    empty: "You have no saved patients yet. After a booking you can choose to save the patient.",
    details: (s) =>
      [
        `👤 ${s.name} (${s.sex}, born ${s.birthday})`,
        `🪪 ${s.cert}`,
        `📱 ${s.mobile}`,
        `🏠 ${s.address}`,
        ...(s.guardian ? [`👪 Guardian: ${s.guardian}`] : []),
        `💳 Outpatient card numbers saved for ${s.cards} hospital(s)`,
      ].join("\n"),
    editButton: "✏️ Edit",
    deleteButton: "🗑 Delete",
    closeButton: "Done",
    closed: "All right. Send /patients whenever you want to see your saved patients.",
    confirmDelete: (name: string) => `Delete the saved patient ${name}?`,
    deleteYes: "🗑 Yes, delete",
    deleted: (name: string) => `${name} has been deleted.`,
    gone: "This saved patient no longer exists.",
    editWhat: (name: string) => `What would you like to change for ${name}?`,
    fields: {
      name: "Name",
      certificate: "Document",
      sex: "Sex",
      birthday: "Date of birth",
      mobile: "Mobile",
      address: "Address",
      guardian: "Guardian",
    },
    editSaved: (name: string) => `✅ ${name}'s details are updated.`,
  },
  privacy: {
    title: "🔒 What the bot keeps about you right now:",
    session: (n: number, hours: number) =>
      n > 0
        ? `💬 Your current conversation (choices, and encrypted answers being filled in): deleted after ${hours} hours without a message or when the booking ends`
        : "💬 No conversation in progress",
    savedPatients: (n: number, days: number) =>
      n > 0
        ? `👥 ${n} saved patient(s) (encrypted): deleted after ${days} days unused, or with /patients`
        : "👥 No saved patients",
    bookings: (n: number, days: number) =>
      n > 0
        ? `📋 ${n} booking record(s) (name masked): deleted ${days} days after the visit`
        : "📋 No booking records",
    watches: (n: number) => (n > 0 ? `🔔 ${n} watch(es): deleted when they end` : "🔔 No watches"),
    reminders: (n: number) =>
      n > 0
        ? `⏰ Reminders and stop-clinic checks for ${n} booking(s): deleted 3 days after the visit`
        : "⏰ No reminders",
    consent: (date: string | undefined, version: string) =>
      date
        ? `✅ You agreed to the privacy notice (version ${version}) on ${date}: kept until you delete your data`
        : "✅ You have not agreed to the privacy notice",
    flood: (n: number) =>
      n > 0 ? "⏱ A count of your last messages (flood control): gone within seconds" : "",
    other: (name: string, n: number) => `• ${name}: ${n}`,
    footer: "Send /deletedata to delete all of the above.",
  },
  deleteData: {
    ask: [
      "🗑 Delete my data",
      "This deletes your current conversation and any answers being filled in, your saved patients, your booking records, watches, your consent record and counters. It cannot be undone.",
      "What cannot be deleted here: orders already placed at the hospital. To cancel one, send /cancel first, or contact the hospital. After the deletion the bot can no longer cancel them for you.",
      "Delete everything?",
    ].join("\n\n"),
    yes: "🗑 Yes, delete everything",
    no: "Keep my data",
    done: "✅ All your data has been deleted. Orders already placed remain in the hospital's system: contact the hospital about them.",
    partial: "Some of your data could not be deleted just now. Please send /deletedata again in a moment.",
    kept: "All right, nothing was deleted.",
  },
  watch: {
    watchButton: "🔔 Watch",
    watchAnyButton: "🔔 Watch any doctor",
    doctorWhat: (doctor: string, hospital: string, department: string) =>
      `${doctor} (${hospital} · ${department})`,
    departmentWhat: (hospital: string, department: string) => `any doctor of ${hospital} · ${department}`,
    askDays: (what: string) =>
      `🔔 Watch ${what}\nWhen a place frees (a cancellation) or new places are released, I tell watchers in the order they started watching.\nWhich days?`,
    days: { "3": "Next 3 days", "7": "Next 7 days", "14": "Next 14 days", window: "Whole booking window" },
    askSessions: (what: string, until: string) => `🔔 ${what}, until ${until}\nWhich sessions?`,
    sessions: { am: "Mornings", pm: "Afternoons", em: "Evenings", any: "Any session" },
    set: (what: string, sessions: string, until: string) =>
      `🔔 Watching ${what}, ${sessions.toLowerCase()}, until ${until}. I will message you as soon as a place frees; send /watches to stop.`,
    limit: (max: number) =>
      `You already have ${max} active watches, the most allowed. Stop one in /watches first.`,
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
        "🔔 A place is free!",
        `👨‍⚕️ ${s.doctor}`,
        `🏥 ${s.place}`,
        `🕘 ${s.day} ${s.session}${s.times ? ` (${s.times})` : ""}`,
        `🎫 ${s.left} left · 💴 ¥${s.fee}`,
        `For ${s.holdMinutes} minutes I tell no other watcher about this place. The hospital does not hold it for you, though: patients booking elsewhere may still take it, so book soon.`,
      ].join("\n"),
    bookNow: "✅ Book now",
    keepWatching: "🔔 Keep watching",
    stop: "🛑 Stop",
    taken: "😔 That place has been taken. I am still watching for you.",
    kept: "All right, I keep watching.",
    stopped: (what: string) => `🛑 Stopped watching ${what}.`,
    gone: "This watch has already ended.",
    ended: {
      days: (what: string) =>
        `⏰ Your watch of ${what} has ended: its days have passed. You can set a new one any time.`,
      age: (what: string) =>
        `⏰ Your watch of ${what} has ended after 30 days. You can set a new one any time.`,
    },
    list: {
      title: "🔔 My watches",
      empty: "You have no active watches. Tap “🔔 Watch” on a doctor's days to start one.",
      entry: (n: number, what: string, sessions: string, until: string) =>
        `${n}. ${what}\n   ${sessions} · until ${until}`,
      stopButton: (n: number) => `🛑 Stop no. ${n}`,
    },
    auto: {
      ask: (what: string) =>
        [
          `🤖 ${what}: shall I book a freed place straight away, for you?`,
          "⚠️ Please note: I will place a real order at the hospital in the chosen patient's name, without asking you first. Hospitals blacklist patients for repeated cancellations and no-shows (booked but did not come), commonly after 3 in a month or in a year, and a blacklisted patient cannot book for a while. Choose this only if you are sure you can go.",
          "Each watch books at most once, and ends once it has booked.",
        ].join("\n\n"),
      patientButton: (label: string) => `🤖 Book by itself for ${label}`,
      notifyOnly: "🔔 No, just tell me",
      setNote: (patient: string) =>
        `🤖 When a place frees I will book it once for ${patient}, then end this watch.`,
      booked: (placed: string) => `🤖 Your watch booked by itself:\n\n${placed}\n\nThis watch has ended.`,
      gone: (when: string) =>
        `🤖 A place freed on ${when}, but it was taken before I could book it. I keep watching for you.`,
      failed: (when: string, reason: string) =>
        `🤖 I could not book ${when} for you: ${reason}\nI keep watching and will try again at the next freed place.`,
      unknown: (when: string) =>
        `🤖 ⚠️ The hospital gave no clear answer to the booking for ${when}, so I cannot tell whether it was made. Please check with the hospital or in /mybookings before booking again. This watch no longer books by itself; it will only tell you of freed places.`,
      unresolved: (when: string) =>
        `🤖 ⚠️ A place freed on ${when}, but this patient already has a booking on the same schedule whose outcome is unknown, so I placed nothing (to avoid booking twice). Please check with the hospital (/mybookings). This watch no longer books by itself; it will only tell you of freed places.`,
      patientGone:
        "🤖 The patient chosen for booking by itself is no longer saved; this watch will tell you of freed places instead.",
      listLine: (patient: string) => `   🤖 Books by itself for ${patient}`,
    },
  },
  privateOnly: {
    text: "To protect your privacy, I book appointments in a private chat only. Tap below to open it.",
    button: "💬 Open a private chat",
  },
  errors: {
    generic: "Sorry, something went wrong. Your answers are kept; please try again.",
    busy: "The service is busy. Please try again in a moment.",
    sessionUnavailable:
      "The service is briefly unavailable. Please try again shortly; nothing you entered is lost.",
    sessionUnavailableNoPromise:
      "The service is briefly unavailable. Please try again shortly; if your earlier answers are gone, please enter them again.",
    hospitalCodes: {
      "10001": "The hospital's system is refusing this assistant right now. Please try again shortly.",
      "50000": "The hospital's system had an internal error. Please try again shortly.",
    },
    hospitalUnavailable: "The hospital's system cannot be reached right now. Please try again shortly.",
    hospitalRefused: (msg: string) => `The hospital's system answered with an error: ${msg}`,
    flood: "You are sending messages too quickly. Please wait a moment.",
  },
};
