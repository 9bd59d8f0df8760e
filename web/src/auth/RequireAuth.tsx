import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Role } from '../api/types';
import { Forbidden } from '../components/Results';
import { useAuth } from './AuthContext';

/** Where the login page sends the user back to. */
export interface LoginRedirectState {
  from?: string;
}

/** Renders its children only for a signed-in user (with the role, or one of the roles, if given). */
export function RequireAuth({ children, role }: { children: ReactNode; role?: Role | Role[] }) {
  const { user, hasRole } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Spin size="large" fullscreen />;
  if (user === null) {
    const state: LoginRedirectState = { from: location.pathname + location.search + location.hash };
    return <Navigate to="/login" replace state={state} />;
  }
  const roles = role === undefined ? [] : Array.isArray(role) ? role : [role];
  if (roles.length > 0 && !roles.some(hasRole)) return <Forbidden />;
  return <>{children}</>;
}
