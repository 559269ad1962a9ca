// TypeBox schemas of the app-facing campaign routes: registration, heartbeat, phone confirmation by OTP.
import { Type } from "@fastify/type-provider-typebox";

export const INSTALL_PLATFORMS = ["android", "ios", "web"] as const;

const InstallId = Type.String({
  pattern: "^[A-Za-z0-9_-]{16,64}$",
  description: "Random id the app chose for this install (>= 96 bits, base64url); keep it secret.",
});

export const InstallParams = Type.Object({ id: InstallId });

export const RegisterBody = Type.Object(
  {
    installId: InstallId,
    deviceHash: Type.String({
      pattern: "^[A-Za-z0-9_-]{22,128}$",
      description:
        "Stable per-device value: a hash of a random secret the app keeps in secure storage (iOS Keychain / Android Block Store), so a re-install on the same phone is not counted twice. Stored only as a keyed hash.",
    }),
    platform: Type.Enum(INSTALL_PLATFORMS),
    appVersion: Type.String({ pattern: "^[0-9A-Za-z.+_-]{1,32}$" }),
    communeCode: Type.String({
      pattern: "^[0-9]{5}$",
      description: "v2025 commune (xã/phường/đặc khu) code.",
    }),
    source: Type.Optional(
      Type.String({
        maxLength: 200,
        description: "Outreach attribution: wifi-<place>, poster-<id>, sms-<campaign>.",
      }),
    ),
    agencyCode: Type.Optional(
      Type.String({ maxLength: 32, description: "The join code of the user's agency." }),
    ),
  },
  { additionalProperties: false },
);

export const RegisterResponse = Type.Object({
  installId: Type.String(),
  status: Type.Enum(["created", "reinstall", "existing"], {
    description:
      "created: counted; reinstall: a known device, not counted again; existing: already registered.",
  }),
  agency: Type.Enum(["joined", "unknown", "none"], { description: "Whether the agency code matched." }),
});

export const HeartbeatResponse = Type.Object({
  status: Type.Enum(["active", "already-active"]),
});

export const PhoneBody = Type.Object(
  { phone: Type.String({ minLength: 9, maxLength: 20, description: "Vietnamese mobile number." }) },
  { additionalProperties: false },
);

export const PhoneResponse = Type.Object({
  status: Type.Literal("sent"),
  expiresAt: Type.String({ format: "date-time" }),
});

export const ConfirmBody = Type.Object(
  { otp: Type.String({ pattern: "^[0-9]{6}$" }) },
  { additionalProperties: false },
);

export const ConfirmResponse = Type.Object({
  status: Type.Literal("confirmed"),
  counted: Type.Boolean({ description: "False when this device already had this number." }),
});
