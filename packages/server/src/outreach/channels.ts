// Channel adapters behind one interface - send(message, { idempotencyKey }) -> provider id, or a retryable or
// permanent error: a generic brand-name SMS gateway (JSON over HTTP), Zalo ZNS template messages, SMTP e-mail
// (nodemailer) and a console adapter for demos that prints masked addresses only.
import http from "node:http";
import https from "node:https";
import nodemailer from "nodemailer";
import { type Channel, maskAddress } from "./model.ts";

export interface OutboundMessage {
  /** E.164 number (SMS, Zalo) or e-mail address. */
  address: string;
  text: string;
  subject?: string;
  /** Zalo ZNS: the approved template and its parameters. */
  templateId?: string;
  templateData?: Record<string, string>;
}

export type SendResult = { ok: true; providerId: string } | { ok: false; retryable: boolean; error: string };

export interface ChannelAdapter {
  readonly channel: Channel;
  readonly name: string;
  /** Sends once; providers dedupe on `idempotencyKey`, so sending the same key again is harmless. */
  send(message: OutboundMessage, options: { idempotencyKey: string }): Promise<SendResult>;
  close?(): Promise<void>;
}

const retryable = (error: string): SendResult => ({ ok: false, retryable: true, error });
const permanent = (error: string): SendResult => ({ ok: false, retryable: false, error });

interface JsonResponse {
  status: number;
  body: unknown;
}

/** POSTs JSON with keep-alive connections and a timeout; rejects on network errors and timeouts. */
export function createJsonPoster(timeoutMs: number, maxSockets = 64) {
  const agents = {
    "http:": new http.Agent({ keepAlive: true, maxSockets }),
    "https:": new https.Agent({ keepAlive: true, maxSockets }),
  };
  const post = (url: string, headers: Record<string, string>, payload: unknown): Promise<JsonResponse> =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const data = Buffer.from(JSON.stringify(payload));
      const lib = target.protocol === "https:" ? https : http;
      const request = lib.request(
        target,
        {
          method: "POST",
          agent: agents[target.protocol as "http:" | "https:"],
          headers: { "content-type": "application/json", "content-length": String(data.length), ...headers },
          timeout: timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (c: Buffer) => chunks.push(c));
          response.on("error", reject);
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : null;
            } catch {
              // not JSON: keep the text
            }
            resolve({ status: response.statusCode ?? 0, body });
          });
        },
      );
      request.on("timeout", () => request.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      request.on("error", reject);
      request.end(data);
    });
  return {
    post,
    close: async () => {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}

const describe = (body: unknown): string => {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return (text ?? "").slice(0, 200);
};

/** HTTP status -> result class: 2xx ok; 408, 425, 429 and 5xx retryable; other 4xx permanent. */
function httpFailure(status: number, body: unknown): SendResult {
  const error = `HTTP ${status}: ${describe(body)}`;
  return status >= 500 || status === 408 || status === 425 || status === 429
    ? retryable(error)
    : permanent(error);
}

const pick = (body: unknown, ...names: string[]): string | undefined => {
  if (!body || typeof body !== "object") return undefined;
  for (const name of names) {
    const v = (body as Record<string, unknown>)[name];
    if (typeof v === "string" || typeof v === "number") return String(v);
  }
  return undefined;
};

/** E.164 "+84901234567" -> "84901234567", the form Vietnamese providers expect. */
const providerPhone = (address: string) => address.replace(/^\+/, "");

/**
 * Generic brand-name SMS gateway: POST {brandname, phone, message, requestId, unicode} with the configured
 * Authorization header and `Idempotency-Key`; the provider's message id comes back as `messageId`/`id`/`SMSID`.
 */
export function httpSmsAdapter(options: {
  url: string;
  authorization?: string | undefined;
  brandName: string;
  timeoutMs: number;
}): ChannelAdapter {
  const http = createJsonPoster(options.timeoutMs);
  return {
    channel: "sms",
    name: "http-sms",
    async send(message, { idempotencyKey }) {
      let response: JsonResponse;
      try {
        response = await http.post(
          options.url,
          {
            "idempotency-key": idempotencyKey,
            ...(options.authorization ? { authorization: options.authorization } : {}),
          },
          {
            brandname: options.brandName,
            phone: providerPhone(message.address),
            message: message.text,
            requestId: idempotencyKey,
            // Vietnamese text with diacritics needs a Unicode SMS.
            unicode: /[^\x20-\x7e\n]/.test(message.text),
          },
        );
      } catch (error) {
        return retryable((error as Error).message);
      }
      if (response.status < 200 || response.status >= 300) return httpFailure(response.status, response.body);
      return { ok: true, providerId: pick(response.body, "messageId", "id", "SMSID") ?? idempotencyKey };
    },
    close: http.close,
  };
}

/** Zalo error codes worth retrying: unknown error, rate limit / quota per minute. */
const ZALO_RETRYABLE = new Set([-1, -32, -124]);

/**
 * Zalo ZNS template message: POST {phone, template_id, template_data, tracking_id} with the OA `access_token`
 * header; Zalo answers 200 with {error: 0, data: {msg_id}} or a negative error code.
 */
export function zaloZnsAdapter(options: {
  url: string;
  accessToken: string;
  timeoutMs: number;
}): ChannelAdapter {
  const http = createJsonPoster(options.timeoutMs);
  return {
    channel: "zalo",
    name: "zalo-zns",
    async send(message, { idempotencyKey }) {
      if (!message.templateId) return permanent("campaign has no Zalo template id");
      let response: JsonResponse;
      try {
        response = await http.post(
          options.url,
          { access_token: options.accessToken },
          {
            phone: providerPhone(message.address),
            template_id: message.templateId,
            template_data: message.templateData ?? {},
            tracking_id: idempotencyKey,
          },
        );
      } catch (error) {
        return retryable((error as Error).message);
      }
      if (response.status < 200 || response.status >= 300) return httpFailure(response.status, response.body);
      const body = response.body as { error?: number; message?: string; data?: { msg_id?: string } } | null;
      const code = Number(body?.error ?? -1);
      if (code === 0 && body?.data?.msg_id) return { ok: true, providerId: String(body.data.msg_id) };
      const error = `Zalo error ${code}: ${String(body?.message ?? "")}`.slice(0, 200);
      return ZALO_RETRYABLE.has(code) ? retryable(error) : permanent(error);
    },
    close: http.close,
  };
}

/** SMTP e-mail through nodemailer (pooled connections); the key becomes the Message-ID. */
export function smtpAdapter(options: { url: string; from: string; timeoutMs: number }): ChannelAdapter {
  const transport = nodemailer.createTransport(options.url, {
    pool: true,
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  } as Parameters<typeof nodemailer.createTransport>[1]);
  return {
    channel: "email",
    name: "smtp",
    async send(message, { idempotencyKey }) {
      const messageId = `<${idempotencyKey.replace(/[^A-Za-z0-9.:-]/g, "-")}@outreach.bluezone>`;
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.address,
          subject: message.subject ?? "Bluezone",
          text: message.text,
          messageId,
          headers: { "X-Idempotency-Key": idempotencyKey },
        });
        return { ok: true, providerId: String(info.messageId ?? messageId) };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        const text = `SMTP ${code ?? "error"}: ${(error as Error).message}`.slice(0, 200);
        // 5xx replies are permanent (bad mailbox, refused); 4xx and connection errors are retried.
        return code !== undefined && code >= 500 ? permanent(text) : retryable(text);
      }
    },
    close: async () => transport.close(),
  };
}

/** Demo adapter: prints the masked address and the text; never fails. */
export function consoleAdapter(channel: Channel, print: (line: string) => void): ChannelAdapter {
  return {
    channel,
    name: "console",
    async send(message, { idempotencyKey }) {
      print(`[${channel}] ${maskAddress(message.address)}: ${message.text}`);
      return { ok: true, providerId: `console:${idempotencyKey}` };
    },
  };
}
