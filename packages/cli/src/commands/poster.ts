/**
 * `bluezone poster install --size A3 --src poster-hn01 -o file.pdf`: the install poster (a big QR code to
 * PUBLIC_BASE_URL/cai-dat?src=...) as the officials' API renders it, written to a file without a server.
 */
import { writeFile } from "node:fs/promises";
import {
  INSTALL_POSTER_SIZES,
  type InstallPosterSize,
  LANDING_PATH,
  landingUrl,
  loadConfig,
  parseSource,
  renderInstallPoster,
} from "@bluezone/server";
import { type CommandResult, EXIT_USAGE } from "./verify-export.ts";

export interface PosterInstallOptions {
  size?: string;
  src?: string;
  out: string;
  env?: NodeJS.ProcessEnv;
}

export async function posterInstallCommand(options: PosterInstallOptions): Promise<CommandResult> {
  const size = (options.size ?? "A4").toUpperCase();
  if (!INSTALL_POSTER_SIZES.includes(size as InstallPosterSize)) {
    return {
      exitCode: EXIT_USAGE,
      stdout: "",
      stderr: `--size must be one of ${INSTALL_POSTER_SIZES.join(", ")}`,
    };
  }
  const source = options.src === undefined ? null : parseSource(options.src);
  if (options.src !== undefined && !source) {
    return {
      exitCode: EXIT_USAGE,
      stdout: "",
      stderr:
        "--src must be wifi-<place>, bus-<station>, airport-<code>, poster-<id>, sms-<campaign> or zalo-<campaign>",
    };
  }
  const platform = loadConfig(options.env ?? process.env);
  const url = landingUrl(platform.publicBaseUrl, LANDING_PATH, source?.source ?? null);
  const pdf = await renderInstallPoster(url, size as InstallPosterSize);
  await writeFile(options.out, pdf);
  return {
    exitCode: 0,
    stdout: `${options.out}: ${size} install poster, QR ${url} (${pdf.length} bytes)`,
    stderr: "",
  };
}
