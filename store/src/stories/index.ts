/** Success stories (issue 19): the repository the indexer writes with and the service the API calls. */
export { replaceDataStories, listStories, loadStories, type StoryFilter } from './story.repository';
export { StoryService, STORIES_MAX_PER_PAGE, STORY_REJECT_REASON_MAX_LENGTH, type StoryQuery } from './story.service';
