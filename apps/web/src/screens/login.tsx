import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useSetSession } from '../auth';
import { readableError } from '../errors';
import { LoginMutation, RegisterMutation } from '../graphql/operations';

type Mode = 'login' | 'register';
interface FieldErrors {
  username?: string;
  password?: string;
  form?: string;
}

// the user subgraph's rules (Mutation.register), checked here first for a field-level message
function validate(username: string, password: string, mode: Mode): FieldErrors {
  const errors: FieldErrors = {};
  if (!username.trim()) errors.username = 'Enter a username';
  else if (username.length > 32) errors.username = 'At most 32 characters';
  if (!password) errors.password = 'Enter a password';
  else if (mode === 'register' && (password.length < 6 || password.length > 32))
    errors.password = 'Between 6 and 32 characters';
  return errors;
}

export function LoginScreen() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const setSession = useSetSession();
  const [mode, setMode] = useState<Mode>('login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [login, loginState] = useMutation(LoginMutation);
  const [register, registerState] = useMutation(RegisterMutation);
  const busy = loginState.loading || registerState.loading;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(username, password, mode);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const variables = { username, password };
      const result =
        mode === 'login'
          ? (await login({ variables })).data?.login
          : (await register({ variables })).data?.register;
      if (!result) return;
      await setSession({ token: result.token, userId: result.user.id, name: result.user.name });
      navigate(params.get('next') ?? '/', { replace: true });
    } catch (caught) {
      const { message, code } = readableError(caught);
      if (code === 'CONFLICT') setErrors({ username: 'This username is taken' });
      else if (code === 'UNAUTHENTICATED') setErrors({ form: 'Wrong username or password' });
      else if (/password/i.test(message)) setErrors({ password: message });
      else if (/user ?name/i.test(message)) setErrors({ username: message });
      else setErrors({ form: message });
    }
  };

  return (
    <div className="page narrow">
      <h1 className="brand">Reel</h1>
      <div className="tabs" role="tablist">
        {(['login', 'register'] as const).map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={mode === tab}
            className={mode === tab ? 'tab active' : 'tab'}
            onClick={() => {
              setMode(tab);
              setErrors({});
            }}
          >
            {tab === 'login' ? 'Log in' : 'Sign up'}
          </button>
        ))}
      </div>
      <form className="stack-form" noValidate onSubmit={(event) => void submit(event)}>
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            value={username}
            aria-invalid={Boolean(errors.username)}
            onChange={(event) => setUsername(event.target.value)}
          />
          {errors.username && (
            <span className="field-error" data-testid="username-error">
              {errors.username}
            </span>
          )}
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            value={password}
            aria-invalid={Boolean(errors.password)}
            onChange={(event) => setPassword(event.target.value)}
          />
          {errors.password && (
            <span className="field-error" data-testid="password-error">
              {errors.password}
            </span>
          )}
        </label>
        {errors.form && (
          <p className="form-error" data-testid="form-error">
            {errors.form}
          </p>
        )}
        <button type="submit" className="primary wide" disabled={busy}>
          {mode === 'login' ? 'Log in' : 'Create account'}
        </button>
      </form>
    </div>
  );
}
