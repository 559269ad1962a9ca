// The phone's check-in wallet in the browser: the device engine's CheckInWallet on IndexedDB, its page URL on
// this origin (posters point here), presence ticks to this server, warning packages from its blob store (not yet: see below).
import { CheckInWallet, cryptoRandom, FetchHttp, IndexedDbStore, SystemClock } from "@bluezone/device";
import { CHECK_IN_PATH } from "./model.ts";

let wallet: CheckInWallet | undefined;

/** The one wallet of this page load (created on first use; throws where IndexedDB is unavailable). */
export function browserWallet(): CheckInWallet {
  if (!wallet) {
    const origin = globalThis.location.origin;
    wallet = new CheckInWallet(
      {
        store: new IndexedDbStore("bluezone-checkins"),
        clock: new SystemClock(),
        http: new FetchHttp(),
        random: cryptoRandom,
      },
      // No warningsUrl yet: the wallet now verifies warning packages with the export public keys
      // (checkIn.publicKeys), which this page does not fetch yet; checkForWarnings() returns stored warnings.
      { pageUrl: `${origin}${CHECK_IN_PATH}`, serverUrl: origin },
    );
  }
  return wallet;
}
