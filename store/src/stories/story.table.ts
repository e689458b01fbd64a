import type { ColumnType, Generated } from 'kysely';
import type { StoryStatus, StoryTeller, TextStatus } from '@skillway/core';

/** A success story (migration 0011). */
export interface StoryTable {
  id: string;
  teller: StoryTeller;
  country: string;
  occupation: string | null;
  took_months: number | null;
  text_lang: string;
  /** 1: no name or identifying detail is shown */
  anonymous: ColumnType<number, number | undefined, number>;
  source_url: string | null;
  /** YYYY, YYYY-MM, YYYY-MM-DD or 'not-shown' */
  source_date: string | null;
  source_publisher: string | null;
  source_lang: string | null;
  told_to: string | null;
  consent_date: string | null;
  origin: 'data' | 'submission';
  status: StoryStatus;
  submitted_by: number | null;
  reject_reason: string | null;
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface StoryTextTable {
  story_id: string;
  lang: string;
  title: string;
  summary: string;
  helped: string | null;
  hindered: string | null;
  status: TextStatus;
  from_lang: string | null;
}

export interface StoryListingTable {
  story_id: string;
  position: number;
  listing_id: string;
}

export interface StoryFtsTable {
  rowid: Generated<number>;
  story_id: string;
  body: string;
}

// Declaration merging adds the tables to the store's DB type from here, beside the code that uses them.
declare module '../database' {
  interface DB {
    story: StoryTable;
    story_text: StoryTextTable;
    story_listing: StoryListingTable;
    story_fts: StoryFtsTable;
  }
}
