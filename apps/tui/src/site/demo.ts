/** The demo runs fast: a deploy that takes minutes on real hardware takes seconds here. */
export const DEMO_TIME_SCALE = 60;
