import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';
import { meKey } from './session';

/** A 401 anywhere means the session ended: forget the user, the router shows sign-in. */
function onError(error: unknown, client: () => QueryClient) {
  if (error instanceof ApiError && error.status === 401) client().setQueryData(meKey, null);
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onError(error, () => client) }),
    mutationCache: new MutationCache({ onError: (error) => onError(error, () => client) }),
    defaultOptions: {
      queries: {
        // Other users change the same records: lists refetch whenever they are shown again.
        staleTime: 0,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
  return client;
}
