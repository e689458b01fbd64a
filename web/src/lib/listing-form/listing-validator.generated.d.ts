/** The listing schema's checks (see generate-listing-validator.ts). */
export interface ListingValidationError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
export interface ListingValidateFunction {
  (data: unknown): boolean;
  errors?: ListingValidationError[] | null;
}
export const validate: ListingValidateFunction;
export default validate;
