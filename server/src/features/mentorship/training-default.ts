/** The mentor training every new instance starts with; organisation admins can change it. */
export const DEFAULT_TRAINING = {
  title: "Becoming a peer mentor",
  intro:
    "Thank you for wanting to walk beside someone. This short module takes about ten minutes. It covers what a peer mentor is (and is not), how to keep good boundaries, what to do when someone is in danger, and how to look after yourself.",
  sections: [
    {
      title: "What a peer mentor is",
      body: "A peer mentor, sponsor or recovery coach is someone further along who supports one person at a time. You share your own experience, listen without judging, and help them find what works for them. Kinship serves every approach (12-step, SMART Recovery, Recovery Dharma, secular groups and open circles) and takes no side: your way is one way, not the only way.",
    },
    {
      title: "You are a peer, not a clinician",
      body: "You are not a doctor, therapist or counsellor, and you don't need to be. Don't give medical advice or tell someone to stop a medication. When something is beyond peer support, say so kindly and help them find professional help. If someone may harm themselves or is in danger, point them to the Help page and a crisis line at once (in the US, call or text 988; in the UK and Ireland, Samaritans on 116 123) and encourage them to call.",
    },
    {
      title: "Boundaries and confidentiality",
      body: 'What your mentee tells you stays between you. Never share it, their handle or anything that could identify them, even with good intentions. Agree together on when you are available, and use quiet hours and your capacity so that you never promise more than you can give. Use words that don\'t shame: many people prefer "starting over" to "relapse", and a slip never erases the days that came before it.',
    },
    {
      title: "Looking after yourself",
      body: "Helping others helps the helper, and it can also wear you down. Every two weeks Kinship asks you a few private questions about how you are. If you need a break, take one: pause your profile, and if it helps, suggest a hand-off so your mentee moves to another mentor, with their agreement. Asking for a break is part of being a good mentor.",
    },
  ],
  questions: [
    {
      prompt: "Your mentee tells you they feel they can't go on and might hurt themselves. What do you do first?",
      options: [
        "Wait until your next planned chat to talk it through",
        "Point them to a crisis line and the Help page right away, and encourage them to call",
        "Tell them to stop using any medication they take",
      ],
      answer: 1,
      explanation:
        "When someone may be in danger, trained help comes first. Stay kind and stay with them, and help them reach a crisis line now.",
    },
    {
      prompt: "A friend from your home group asks how your mentee is doing. What do you say?",
      options: [
        "Share a little, since they mean well",
        "Tell them only the good news",
        "Say kindly that what your mentee shares stays between the two of you",
      ],
      answer: 2,
      explanation: "Confidentiality is what makes honesty possible. Nothing your mentee shares is yours to pass on.",
    },
    {
      prompt: "Your mentee had a slip after 90 days. Which words help most?",
      options: [
        "\"You've lost everything, you're back at day one.\"",
        '"Starting over takes courage. The 90 days still count, and I\'m here."',
        '"Maybe this isn\'t for you."',
      ],
      answer: 1,
      explanation: "A slip never erases what came before. Kind words keep people coming back.",
    },
    {
      prompt: "You feel worn out and your mentoring takes more time than you can give. What is a good step?",
      options: [
        "Keep going and say nothing",
        "Pause your profile and, if it helps, suggest a hand-off with your mentee's agreement",
        "Stop answering without telling anyone",
      ],
      answer: 1,
      explanation: "Taking a break and handing on with care protects both of you.",
    },
  ],
};
