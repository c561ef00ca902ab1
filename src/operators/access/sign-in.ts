import {
  checkCsrf,
  OPERATOR_HEADERS,
  type OperatorAccessParts,
  operatorFromRequest,
  safeReturnPath,
  signIn,
  signOut,
} from './session.ts';

export type SignInOutcome =
  | { kind: 'redirect'; response: Response }
  | {
      kind: 'form';
      status: 400 | 401 | 429;
      error: 'invalid' | 'form' | 'limited';
      retryAfterS: number;
      name: string;
    };

/**
 * The POST of `/operateur/connexion`: `intent=sign-out` (with the session's CSRF token) ends the
 * session; otherwise `name` and `password` sign in (rate-limited, see session.ts) and redirect to
 * `retour` (a path under /operateur only). Form pages never show the password again.
 */
export async function handleSignInPost(input: {
  request: Request;
  ctx: OperatorAccessParts;
  form: FormData | null;
  clientAddress: string;
  english: boolean;
}): Promise<SignInOutcome> {
  const { request, ctx, form } = input;
  const lang = input.english ? 'lang=en' : '';
  if (!form) return { kind: 'form', status: 400, error: 'form', retryAfterS: 0, name: '' };
  if (form.get('intent') === 'sign-out') {
    const session = await operatorFromRequest(request, ctx);
    // A sign-out without the token is refused like any change; without a session there is nothing to end.
    if (session && !checkCsrf(request, form, session))
      return {
        kind: 'redirect',
        response: new Response('Forbidden', { status: 403, headers: OPERATOR_HEADERS }),
      };
    const clear = await signOut(request, ctx);
    return redirect(`/operateur/connexion?sortie=1${lang ? `&${lang}` : ''}`, clear);
  }
  const name = form.get('name');
  const password = form.get('password');
  if (typeof name !== 'string' || typeof password !== 'string' || name.length > 200)
    return { kind: 'form', status: 400, error: 'form', retryAfterS: 0, name: '' };
  const result = await signIn(request, ctx, { name, password }, input.clientAddress);
  if (result.ok) {
    const back = safeReturnPath(String(form.get('retour') ?? ''));
    return redirect(back, result.setCookie);
  }
  if (result.reason === 'limited')
    return {
      kind: 'form',
      status: 429,
      error: 'limited',
      retryAfterS: result.retryAfterS,
      name: name.trim(),
    };
  return { kind: 'form', status: 401, error: 'invalid', retryAfterS: 0, name: name.trim() };
}

function redirect(location: string, setCookie: string): SignInOutcome {
  return {
    kind: 'redirect',
    response: new Response(null, {
      status: 303,
      headers: { ...OPERATOR_HEADERS, location, 'set-cookie': setCookie },
    }),
  };
}
