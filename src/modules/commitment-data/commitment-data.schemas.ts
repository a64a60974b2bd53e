import { Type } from 'typebox';

/** The upload form: the token, then the file as a Buffer (multipart with attachFieldsToBody); the handler checks the file. */
export const SheetUploadBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  file: Type.Optional(Type.Unknown()),
});
