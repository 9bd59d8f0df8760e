import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/api';
import { onUnauthorized } from '../api/client';
import type { Role, User } from '../api/types';

interface Auth {
  /** undefined while the startup `/api/auth/me` call is in flight; null when signed out. */
  user: User | null | undefined;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  hasRole: (role: Role) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

/** Knows who is signed in. Any 401 from the API signs the user out of the UI. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    // Also makes the server set the XSRF-TOKEN cookie that later POSTs need.
    api
      .me(controller.signal)
      .then(setUser)
      .catch(() => {
        if (!controller.signal.aborted) setUser(null);
      });
    const unsubscribe = onUnauthorized(() => setUser(null));
    return () => {
      controller.abort();
      unsubscribe();
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const signedIn = await api.login(username, password);
    setUser(signedIn);
    return signedIn;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setUser(null);
    }
  }, []);

  const hasRole = useCallback((role: Role) => user?.roles.includes(role) ?? false, [user]);
  const value = useMemo(() => ({ user, login, logout, hasRole }), [user, login, logout, hasRole]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth outside AuthProvider');
  return context;
}
