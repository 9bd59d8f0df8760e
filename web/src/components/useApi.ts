import { App } from 'antd';
import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { ApiError } from '../api/client';

export interface ApiState<T> {
  data: T | undefined;
  loading: boolean;
  error: ApiError | Error | undefined;
  reload: () => void;
}

/**
 * Runs an API call when the dependencies change, aborting the previous one, and shows a failure's
 * problem `detail` in a message. A 401 is not shown: the auth provider sends the user to the login page.
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): ApiState<T> {
  const { message } = App.useApp();
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | Error>();
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    load(controller.signal)
      .then((result) => {
        if (!controller.signal.aborted) setData(result);
      })
      .catch((cause: unknown) => {
        if (controller.signal.aborted) return;
        const failure = cause instanceof Error ? cause : new Error(String(cause));
        setError(failure);
        if (!(failure instanceof ApiError && failure.status === 401)) void message.error(failure.message);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
    // The caller lists what `load` depends on, as with useEffect.
  }, [...deps, generation]);

  return { data, loading, error, reload };
}
