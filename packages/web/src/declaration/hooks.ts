// Preact hooks of the declaration pages: the typed API over the app's client, the device's declarant key store,
// and administrative units (provinces, a province's communes) fetched once per page load and shared.
import { useEffect, useMemo, useState } from "preact/hooks";
import { useServices } from "../services.ts";
import { type DeclarationApi, declarationApi } from "./api.ts";
import { type DeclarantKeyStore, deviceKeyStore } from "./key-store.ts";
import type { AdminUnitView } from "./types.ts";

export function useDeclarationApi(): DeclarationApi {
  const { client } = useServices();
  return useMemo(() => declarationApi(client), [client]);
}

let keyStore: DeclarantKeyStore | undefined;
/** The device's declarant key store (one per page load). */
export function useKeyStore(): DeclarantKeyStore {
  keyStore ??= deviceKeyStore();
  return keyStore;
}

const unitCache = new Map<string, Promise<AdminUnitView[]>>();

function cached(key: string, load: () => Promise<AdminUnitView[]>): Promise<AdminUnitView[]> {
  let found = unitCache.get(key);
  if (!found) {
    found = load();
    unitCache.set(key, found);
    found.catch(() => unitCache.delete(key)); // a failed load is retried next time
  }
  return found;
}

/** The units below `parent` ("" = the provinces); empty while loading or when `parent` is null. */
export function useUnits(
  api: DeclarationApi,
  parent: string | null,
): { units: AdminUnitView[]; failed: boolean } {
  const [state, setState] = useState<{ units: AdminUnitView[]; failed: boolean }>({
    units: [],
    failed: false,
  });
  useEffect(() => {
    if (parent === null) {
      setState({ units: [], failed: false });
      return;
    }
    let live = true;
    const load = parent === "" ? () => api.provinces() : async () => (await api.unit(parent)).children;
    cached(parent || "provinces", load).then(
      (units) => live && setState({ units, failed: false }),
      () => live && setState({ units: [], failed: true }),
    );
    return () => {
      live = false;
    };
  }, [api, parent]);
  return state;
}
