// The document lists no error codes. These are the ones our sandbox sends and the bot recognises;
// any other non-"0" code is shown to the patient through the API's own msg. Keep this table the one
// place to adjust once the real platform's codes are known.
export const API_CODES = {
  ok: "0",
  invalidToken: "10001",
  badParameter: "20001",
  slotFull: "30001",
  slotNotFound: "30002",
  orderNotFound: "40001",
  orderAlreadyCancelled: "40002",
  cancelTooLate: "40003",
  internal: "50000",
} as const;

export type ApiCode = (typeof API_CODES)[keyof typeof API_CODES];
