// How phone-confirmation OTPs reach a phone: one small interface (outreach/ can plug its SMS or Zalo adapter
// in), a console adapter for demo mode that prints the code but never the number, and a disabled one.

export interface OtpMessage {
  /** E.164 number to deliver to (only the adapter sees it). */
  phone: string;
  otp: string;
  /** The text to send, Vietnamese. */
  text: string;
}

export interface OtpChannel {
  readonly name: string;
  /** Delivers the message; throws when it cannot. */
  send(message: OtpMessage): Promise<void>;
}

/** The SMS text of an OTP. */
export const otpText = (otp: string, ttlMinutes: number): string =>
  `Bluezone: ma xac nhan so dien thoai cua ban la ${otp} (hieu luc ${ttlMinutes} phut). Khong chia se ma nay.`;

/** Demo adapter: prints the OTP on the console; the phone number is never printed. */
export function consoleOtpChannel(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): OtpChannel {
  return {
    name: "console",
    async send(message) {
      write(`[bluezone demo] phone confirmation OTP ${message.otp} (SMS not sent: console channel)`);
    },
  };
}

/** Channel used when none is configured: every send fails (the API answers 503). */
export const disabledOtpChannel: OtpChannel = {
  name: "disabled",
  async send() {
    throw new Error("no OTP channel configured (CAMPAIGN_OTP_CHANNEL=disabled)");
  },
};

/** Test helper: keeps the messages so a test can read the OTP it would have received. */
export function memoryOtpChannel(): OtpChannel & {
  sent: OtpMessage[];
  last(phone: string): string | undefined;
} {
  const sent: OtpMessage[] = [];
  return {
    name: "memory",
    sent,
    async send(message) {
      sent.push(message);
    },
    last: (phone) => sent.filter((m) => m.phone === phone).at(-1)?.otp,
  };
}
