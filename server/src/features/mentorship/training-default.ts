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

type Training = typeof DEFAULT_TRAINING;

/**
 * The same module in Spanish: the same sections and questions in the same order, with the same right
 * answers, so a pass means the same in either language. Shown to Spanish readers while the instance
 * keeps the module it started with; a module an admin has edited is shown as they wrote it.
 */
export const DEFAULT_TRAINING_ES: Training = {
  title: "Ser mentor o mentora entre pares",
  intro:
    "Gracias por querer acompañar a alguien. Este módulo breve dura unos diez minutos. Explica qué es (y qué no es) un mentor entre pares, cómo cuidar los límites, qué hacer cuando alguien está en peligro y cómo cuidarte tú.",
  sections: [
    {
      title: "Qué es un mentor entre pares",
      body: "Un mentor entre pares, padrino, madrina o coach de recuperación es alguien con más camino recorrido que acompaña a una persona cada vez. Compartes tu propia experiencia, escuchas sin juzgar y ayudas a la otra persona a encontrar lo que le funciona. Kinship acoge todos los enfoques (12 pasos, SMART Recovery, Recovery Dharma, grupos laicos y círculos abiertos) y no toma partido: tu camino es un camino, no el único.",
    },
    {
      title: "Eres un par, no un profesional clínico",
      body: "No eres médico, terapeuta ni consejero, y no necesitas serlo. No des consejos médicos ni le digas a nadie que deje una medicación. Cuando algo va más allá del apoyo entre pares, dilo con cariño y ayuda a buscar ayuda profesional. Si alguien puede hacerse daño o está en peligro, indícale enseguida la página de Ayuda y una línea de crisis (en España, el 024; en México, la Línea de la Vida, 800 911 2000) y anímale a llamar.",
    },
    {
      title: "Límites y confidencialidad",
      body: "Lo que te cuenta la persona a la que acompañas queda entre vosotros. Nunca lo compartas, ni su nombre de usuario ni nada que pueda identificarla, aunque sea con buena intención. Acordad juntos cuándo estás disponible, y usa las horas de descanso y tu capacidad para no prometer nunca más de lo que puedes dar. Usa palabras que no avergüencen: mucha gente prefiere «volver a empezar» a «recaída», y un tropiezo nunca borra los días que vinieron antes.",
    },
    {
      title: "Cuidarte tú",
      body: "Ayudar a otros ayuda a quien ayuda, y también puede agotar. Cada dos semanas Kinship te hace unas preguntas privadas sobre cómo estás. Si necesitas un descanso, tómalo: pausa tu perfil y, si ayuda, propón un relevo para que la persona pase a otro mentor, con su acuerdo. Pedir un descanso también es ser un buen mentor.",
    },
  ],
  questions: [
    {
      prompt:
        "La persona a la que acompañas te dice que siente que no puede más y que podría hacerse daño. ¿Qué haces primero?",
      options: [
        "Esperar a la próxima charla acordada para hablarlo",
        "Indicarle enseguida una línea de crisis y la página de Ayuda, y animarle a llamar",
        "Decirle que deje cualquier medicación que tome",
      ],
      answer: 1,
      explanation:
        "Cuando alguien puede estar en peligro, la ayuda especializada va primero. Sé amable, quédate a su lado y ayúdale a llamar ahora a una línea de crisis.",
    },
    {
      prompt: "Alguien de tu grupo te pregunta cómo está la persona a la que acompañas. ¿Qué dices?",
      options: [
        "Contar un poco, ya que tiene buena intención",
        "Contar solo las buenas noticias",
        "Decir con amabilidad que lo que comparte queda entre vosotros dos",
      ],
      answer: 2,
      explanation:
        "La confidencialidad es lo que hace posible la sinceridad. Nada de lo que te cuenta es tuyo para contarlo.",
    },
    {
      prompt: "La persona a la que acompañas tuvo un tropiezo después de 90 días. ¿Qué palabras ayudan más?",
      options: [
        "«Lo has perdido todo, vuelves al día uno.»",
        "«Volver a empezar requiere valor. Los 90 días siguen contando, y aquí estoy.»",
        "«Quizá esto no es para ti.»",
      ],
      answer: 1,
      explanation: "Un tropiezo nunca borra lo que vino antes. Las palabras amables hacen que la gente vuelva.",
    },
    {
      prompt: "Te sientes agotado y acompañar te lleva más tiempo del que puedes dar. ¿Qué paso es bueno?",
      options: [
        "Seguir y no decir nada",
        "Pausar tu perfil y, si ayuda, proponer un relevo con el acuerdo de la persona",
        "Dejar de responder sin decírselo a nadie",
      ],
      answer: 1,
      explanation: "Tomarte un descanso y hacer un relevo con cuidado os protege a los dos.",
    },
  ],
};

/** The module a reader sees: Spanish while the stored module is still the built-in one, else as stored. */
export function trainingIn<T extends Training>(row: T, language: "en" | "es"): T {
  if (language !== "es" || contentOf(row) !== DEFAULT_CONTENT) return row;
  return { ...row, ...DEFAULT_TRAINING_ES };
}

/** What a reader reads of a module (not its id, version or dates), as one comparable string. */
const contentOf = (t: Training) =>
  JSON.stringify([
    t.title,
    t.intro,
    t.sections.map((s) => [s.title, s.body]),
    t.questions.map((q) => [q.prompt, q.options, q.answer, q.explanation]),
  ]);
const DEFAULT_CONTENT = contentOf(DEFAULT_TRAINING);
