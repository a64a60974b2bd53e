import { Type } from 'typebox';

// Schemas only bound the size of what is accepted; the rules themselves live in accounts.service.ts,
// so every message a person sees is translated and specific to the field.
const EMAIL_MAX = 320;
const NAME_MAX = 500;
const PASSWORD_MAX = 1000;
const TOKEN_MAX = 200;
const PATH_MAX = 2000;

const field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const csrf = field(200);

export const SignUpBody = Type.Object({
  email: field(EMAIL_MAX),
  displayName: field(NAME_MAX),
  password: field(PASSWORD_MAX),
  confirmPassword: field(PASSWORD_MAX),
  _csrf: csrf,
});

export const SignInBody = Type.Object({
  email: field(EMAIL_MAX),
  password: field(PASSWORD_MAX),
  next: field(PATH_MAX),
  _csrf: csrf,
});

export const SignInQuery = Type.Object({
  next: field(PATH_MAX),
});

export const EmailBody = Type.Object({
  email: field(EMAIL_MAX),
  _csrf: csrf,
});

export const TokenQuery = Type.Object({
  token: field(TOKEN_MAX),
});

export const TokenBody = Type.Object({
  token: field(TOKEN_MAX),
  _csrf: csrf,
});

export const TokenParams = Type.Object({
  token: Type.String({ maxLength: TOKEN_MAX }),
});

export const NewPasswordBody = Type.Object({
  password: field(PASSWORD_MAX),
  confirmPassword: field(PASSWORD_MAX),
  _csrf: csrf,
});

export const DisplayNameBody = Type.Object({
  displayName: field(NAME_MAX),
  _csrf: csrf,
});

export const LanguageBody = Type.Object({
  language: field(10),
  _csrf: csrf,
});

export const CsrfOnlyBody = Type.Object({
  _csrf: csrf,
});

export const AccountQuery = Type.Object({
  saved: field(40),
});
