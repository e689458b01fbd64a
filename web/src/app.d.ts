import type { UiLanguage } from '@skillway/core';

declare global {
  namespace App {
    interface Locals {
      locale: UiLanguage;
    }
    interface Error {
      message: string;
      /** field-level problems from the API's problem+json, shown beside the message */
      errors?: { field: string; reason: string }[];
    }
  }
}

export {};
