export * from './dates';
export * from './personal-code';
export * from './age';
export * from './eligibility';
export * from './municipalities';
export * from './opening-hours';
export * from './format';
export * from './progress';
