// Preact glue of the campaign console: the API bound to the session, and a loader hook that runs an async
// call when its key changes and keeps the latest result (stale answers of earlier keys are dropped).
import { useEffect, useMemo, useState } from "preact/hooks";
import { useServices } from "../services.ts";
import { type CampaignApi, campaignApi } from "./api.ts";

export function useCampaignApi(): CampaignApi {
  const { client, session } = useServices();
  return useMemo(() => campaignApi(client, () => session.token), [client, session]);
}

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Calls `load` whenever `key` changes (null: nothing to load). */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ key: string | null; data: T | null; error: unknown }>({
    key: null,
    data: null,
    error: null,
  });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    load().then(
      (data) => current && setState({ key, data, error: null }),
      (error: unknown) => current && setState({ key, data: null, error }),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; the key (and reload's version) say when to call it again.
  }, [key, version]);
  const fresh = state.key === key;
  return {
    data: fresh ? state.data : null,
    error: fresh ? state.error : null,
    loading: key !== null && !fresh,
    reload: () => setVersion((v) => v + 1),
  };
}
