"""The knowledge base's first articles, written by the site's peers. `load_articles` and
`load_demo` create them; each is attributed to one of SEED_AUTHORS and marked reviewed."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SeedArticle:
    slug: str
    title: str
    summary: str
    author: str
    topics: tuple[str, ...]
    substances: tuple[str, ...]
    includes_medical_info: bool
    sources: tuple[tuple[str, str], ...]
    body: tuple[tuple[str, object], ...]


SEED_AUTHORS = {
    "dee": {
        "pseudonym": "Dee",
        "lived_experience": "Has used opioids for twelve years; peer worker since 2019.",
    },
    "rae": {
        "pseudonym": "Rae",
        "lived_experience": (
            "I smoke meth, and sometimes crack. I've handed out pipes and test strips with a peer "
            "outreach team for six years."
        ),
    },
    "tomas": {
        "pseudonym": "Tomás",
        "lived_experience": (
            "In recovery, on methadone for eight years. Carries naloxone everywhere he goes."
        ),
    },
    "lorna": {
        "pseudonym": "Lorna",
        "lived_experience": (
            "My son died of an overdose in 2020. Now I teach families and friends how to use "
            "naloxone."
        ),
    },
}

ARTICLES = (
    SeedArticle(
        slug="what-is-harm-reduction",
        title="What harm reduction means: meeting you where you're at",
        summary=(
            "Harm reduction means any step that makes drug use safer, on your terms. You don't "
            "have to stop using to deserve respect, good information, or care. Here is what it "
            "means, and how this site works."
        ),
        author="dee",
        topics=("harm reduction basics",),
        substances=(),
        includes_medical_info=False,
        sources=(
            (
                "National Harm Reduction Coalition: Principles of Harm Reduction",
                "https://harmreduction.org/about-us/principles-of-harm-reduction/",
            ),
            ("SAMHSA: Harm Reduction", "https://www.samhsa.gov/find-help/harm-reduction"),
        ),
        body=(
            ("heading", "A different way to think about drugs"),
            (
                "paragraph",
                (
                    "<p>Harm reduction is simple. It means any step that makes your life a little "
                    "safer or healthier, the way you define it. It does not ask you to quit first. "
                    "It does not judge you for using.</p>"
                    "<p>People use drugs for lots of reasons. To feel good. To stop feeling bad. "
                    "To get through pain, grief, or a long night. Your reasons are yours. Harm "
                    "reduction starts from where you are today, not from where someone else thinks "
                    "you should be.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "For years every door I knocked on said the same thing: come back when "
                        "you're ready to stop. The first place that just handed me new supplies "
                        "and asked how I was doing is a big part of why I'm alive."
                    ),
                    "attribution": "a peer",
                },
            ),
            ("heading", "What meeting people where they're at looks like"),
            (
                "paragraph",
                (
                    "<p>It means we start with what you want, not with a lecture. In real life, "
                    "that can look like this:</p>"
                    "<ul>"
                    "<li>You get new supplies and naloxone without having to promise anything.</li>"
                    "<li>You get real facts about the drugs you use, not scare stories.</li>"
                    "<li>You choose your goals. That might be using more safely, using less, using "
                    "in a different way, taking a break, or stopping. All of these count.</li>"
                    "<li>If you want help with treatment, housing, or health care, someone helps "
                    "you find it. If you don't, nobody pushes.</li>"
                    "<li>Your own story and experience count as real knowledge.</li></ul>"
                ),
            ),
            ("heading", "Small changes add up"),
            (
                "paragraph",
                (
                    "<p>You don't have to change everything at once. One new syringe. One test "
                    "strip. One friend who knows where your naloxone is. Any one of these can stop "
                    "an infection or an overdose. Every safer choice is worth making, even if "
                    "nothing else changes that day.</p>"
                    "<p>Harm reduction also sees that drugs are not the only thing that hurts "
                    "people. Being poor, having no safe place to sleep, racism, past trauma, and "
                    "being treated like a criminal all raise the risk. Caring about people means "
                    "caring about those things too.</p>"
                ),
            ),
            (
                "safety_tip",
                {
                    "title": "Three things you can do today",
                    "text": (
                        "<p>Carry naloxone. Try not to use alone. If you can, test your drugs "
                        "before you use them. Each of these has its own article on this site.</p>"
                    ),
                },
            ),
            ("heading", "Who writes this site"),
            (
                "paragraph",
                (
                    "<p>Everything here is written by peers: people who use drugs, people who used "
                    "to, and people who love someone who does. Each article says who wrote it and "
                    "what lived experience they bring. The facts are checked against public-health "
                    "sources, listed at the end of each article. If something here doesn't match "
                    "your experience, tell us. That's how it gets better.</p>"
                ),
            ),
        ),
    ),
    SeedArticle(
        slug="fentanyl-test-strips",
        title="Fentanyl test strips: how to use them and what they miss",
        summary=(
            "Test strips can show if fentanyl is in your drugs. Here is how to test, how to read "
            "the result, and why a negative strip still doesn't mean a drug is safe."
        ),
        author="rae",
        topics=("drug checking", "overdose prevention"),
        substances=("Fentanyl", "Nitazenes", "Opioids", "Stimulants"),
        includes_medical_info=True,
        sources=(
            ("CDC: Fentanyl Facts", "https://www.cdc.gov/stop-overdose/caring/fentanyl-facts.html"),
            (
                "National Harm Reduction Coalition: Safer Drug Use",
                "https://harmreduction.org/issues/safer-drug-use/",
            ),
            ("SAMHSA: Harm Reduction", "https://www.samhsa.gov/find-help/harm-reduction"),
        ),
        body=(
            ("heading", "What a test strip does"),
            (
                "paragraph",
                (
                    "<p>Fentanyl is in a lot of the drug supply now. It turns up in heroin, but "
                    "also in pills, cocaine, crack, meth, and other drugs. You can't see it, smell "
                    "it, or taste it. A fentanyl test strip is a small paper strip that shows if "
                    "fentanyl is in a drug. It takes a few minutes and a little water.</p>"
                    "<p>Strips are often free at syringe programs and some health departments. You "
                    "can test powders, crystals, crushed pills, and what's left in your cooker "
                    "after you draw up a shot.</p>"
                ),
            ),
            (
                "steps",
                {
                    "intro": (
                        "Brands differ, so check the directions on your box. Most strips work like "
                        "this:"
                    ),
                    "steps": (
                        (
                            "Put your drugs in a dry cup or small bag. For a pill, crush the whole "
                            "pill."
                        ),
                        (
                            "Add water and mix until it all dissolves. For most drugs, use about ½ "
                            "teaspoon of water for a small pinch. For meth or MDMA, use at least 1 "
                            "full teaspoon. With too little water, they can show positive even "
                            "when there's no fentanyl. Extra water won't hide fentanyl, so if "
                            "you're not sure, add more."
                        ),
                        (
                            "Dip the wavy end of the strip in the water for about 15 seconds. "
                            "Don't let the water go above the MAX line."
                        ),
                        "Lay the strip flat and wait. Most take 2 to 5 minutes.",
                        (
                            "Read it. Two lines, even if one is very faint, means negative: no "
                            "fentanyl was found. Only one line means positive: fentanyl was found. "
                            "That's the opposite of a pregnancy test. If your strip has C and T "
                            "marks, the C line must always show. If it doesn't, or no lines show "
                            "up at all, the strip didn't work, so use a new one."
                        ),
                    ),
                },
            ),
            ("heading", "Test the whole batch if you can"),
            (
                "paragraph",
                (
                    "<p>Fentanyl is not mixed in evenly. One part of a bag can have none, and "
                    "another part can have a lot. Think of chocolate chips in cookie dough: one "
                    "bite has three chips, the next bite has none. Testing a tiny corner only "
                    "tells you about that corner.</p>"
                    "<p>So when you can, dissolve the whole amount you plan to use. If you inject, "
                    "add a little water to what's left in your cooker after you draw up, and test "
                    "that. For meth, use at least a teaspoon of water. If you smoke or snort, mix "
                    "the whole batch well first, then test a bit of it. That's not perfect, but it "
                    "is better than testing one corner.</p>"
                ),
            ),
            ("heading", "What strips can't tell you"),
            (
                "paragraph",
                (
                    "<p>A strip only says yes or no. It can't tell you how much fentanyl is there, "
                    "or how strong your drugs are.</p>"
                    "<p>Strips also have blind spots. Some strong opioids can give a negative "
                    "result even when they are in the drug. These include U-47700 and some "
                    "nitazenes (strong lab-made opioids). Some nitazenes are even stronger than "
                    "fentanyl. Fentanyl strips also don't find xylazine or benzos. Other kinds of "
                    "test strips exist for some of these. Ask your syringe program.</p>"
                    "<p>A strip can also be wrong the other way. Too little water with meth or "
                    "MDMA, or Benadryl (diphenhydramine) in the mix, can make a strip read "
                    "positive when there's no fentanyl.</p>"
                    "<p><b>A negative strip does not mean a drug is safe.</b> It means this strip "
                    "didn't find fentanyl in this sample. Still start low, go slow, and keep "
                    "naloxone close.</p>"
                ),
            ),
            (
                "safety_tip",
                {
                    "title": "If it tests positive",
                    "text": (
                        "<p>A positive result gives you choices. Some people decide not to use "
                        "that batch. Others still use it, but use much less, go slower, never "
                        "alone, and keep naloxone in reach. Whatever you choose, the result is "
                        "useful information, not a judgment.</p>"
                    ),
                },
            ),
            (
                "quote",
                {
                    "quote": (
                        "I test my meth every time now. Twice the strip came up positive. I used "
                        "way less, and my buddy sat with me with the naloxone out."
                    ),
                    "attribution": "a peer",
                },
            ),
            (
                "if_it_goes_wrong",
                {
                    "title": "If it goes wrong",
                    "text": (
                        "<p>If someone won't wake up, or is breathing very slowly or not at all, "
                        "call emergency services (911 in the US). Give naloxone. Then give rescue "
                        "breaths, one every 5 seconds, while you wait. If they still aren't "
                        "breathing well after 2 to 3 minutes, give another dose. Once they're "
                        "breathing, roll them onto their side. Stay with them, because naloxone "
                        "can wear off before the drugs do.</p>"
                    ),
                },
            ),
        ),
    ),
    SeedArticle(
        slug="new-works-every-time",
        title="New works every time, and why not to share",
        summary=(
            "A new syringe and new works for every shot protect you from HIV, hepatitis C, and "
            "infections, and they're easier on your veins. Here's what to use new, what not to "
            "share, and what to do if you run out."
        ),
        author="tomas",
        topics=("safer injecting", "harm reduction basics"),
        substances=("Opioids", "Stimulants"),
        includes_medical_info=True,
        sources=(
            (
                "CDC: Syringe Services Programs",
                "https://www.cdc.gov/hiv/effective-interventions/prevent/syringe-services-programs",
            ),
            (
                "National Harm Reduction Coalition: Injection safety manual",
                "https://harmreduction.org/issues/safer-drug-use/injection-safety-manual/",
            ),
            (
                "National Harm Reduction Coalition: Safer Drug Use",
                "https://harmreduction.org/issues/safer-drug-use/",
            ),
        ),
        body=(
            ("heading", "Why new, every time"),
            (
                "paragraph",
                (
                    "<p>HIV and hepatitis C spread through blood. It only takes a tiny amount, "
                    "often too small to see. Hepatitis C is hard to kill. It can live outside the "
                    "body for weeks, on a needle, in a cooker, or in water.</p>"
                    "<p>Using a new, sterile (germ-free) syringe for every shot is one of the best "
                    "ways to protect yourself and the people you use with. It helps your veins "
                    "too. A "
                    "needle gets dull after just one use. A dull needle tears your skin and vein, "
                    "which leads to scars, bruises, and infections.</p>"
                ),
            ),
            ("heading", "It's not just the needle"),
            (
                "paragraph",
                (
                    "<p>“Works” means everything you use to get a shot ready and inject it. Blood "
                    "can get into all of it. Use your own, and use new whenever you can:</p>"
                    "<ul>"
                    "<li>syringes and needles</li>"
                    "<li>cookers or spoons</li>"
                    "<li>cottons and filters</li>"
                    "<li>water (sterile water is best)</li>"
                    "<li>ties</li>"
                    "<li>alcohol pads</li></ul>"
                    "<p>Splitting a shot can pass things on too. If you split drugs with someone, "
                    "split them while they're still dry, or use a brand-new syringe that nobody "
                    "has used to measure it out.</p>"
                ),
            ),
            (
                "safety_tip",
                {
                    "title": "Make yours easy to spot",
                    "text": (
                        "<p>Mark your syringes so you always know which ones are yours. A dot of "
                        "nail polish, a marker line, or a certain color of cap all work. Keep your "
                        "works in your own kit, away from other people's.</p>"
                    ),
                },
            ),
            ("heading", "If you can't get a new one"),
            (
                "paragraph",
                (
                    "<p>Sometimes you run out. Here's what lowers the risk until you can get "
                    "more:</p>"
                    "<ul>"
                    "<li>Only reuse your own syringe. Never use someone else's.</li>"
                    "<li>Rinse it with cold water right after you use it, so blood doesn't dry "
                    "inside.</li>"
                    "<li>Get new supplies as soon as you can. Many programs let you take extra for "
                    "later, or for friends.</li>"
                    "</ul>"
                    "<p>If you have bleach, it can lower the risk until you get a new one. A "
                    "syringe program can show you how. Here are the steps:</p>"
                    "<ol>"
                    "<li>Draw fresh water up through the needle and squirt it out. Do this "
                    "twice.</li>"
                    "<li>Fill the syringe with full-strength bleach. Keep it in for at least 30 "
                    "seconds, then squirt it out. Do this again.</li>"
                    "<li>Rinse it twice more with fresh water, the same way. Don't use the water "
                    "you mix your shot with.</li>"
                    "</ol>"
                    "<p>Bleach cuts the risk, but it doesn't kill everything, especially hepatitis "
                    "C. New is always safer.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "I shared a cooker one time with someone I trusted. That's how I got hep "
                        "C. I got treated and I'm fine now, but I'd rather you never have to go "
                        "through it."
                    ),
                    "attribution": "a peer",
                },
            ),
            ("heading", "Getting rid of used ones"),
            (
                "paragraph",
                (
                    "<p>Put used syringes in a sharps container. If you don't have one, a hard "
                    "plastic bottle with a screw-on lid works, like a laundry soap bottle. Most "
                    "syringe programs will take used sharps back for free. This keeps you, your "
                    "friends, and your neighbors from getting stuck.</p>"
                ),
            ),
            ("heading", "If you shared"),
            (
                "paragraph",
                (
                    "<p>If you used a needle or works that someone else used in the last 3 days, "
                    "go to a clinic or emergency room and ask about PEP. PEP is medicine that can "
                    "stop HIV from taking hold if you start it fast. The sooner, the better.</p>"
                    "<p>If you have shared works, get tested for HIV and hepatitis C. Many syringe "
                    "programs test for free. A new infection can take a while to show up, so test "
                    "again about 3 months after a risk.</p>"
                    "<p>Hepatitis C can now be cured with pills, and you don't have to stop using "
                    "to get treated. You can get it again after a cure, though, so new works every "
                    "time still matter.</p>"
                ),
            ),
        ),
    ),
    SeedArticle(
        slug="start-low-go-slow",
        title="Tester shots and starting low",
        summary=(
            "You can always add more, but you can't take it back. A small first amount shows you "
            "how strong your drugs are before it's too late. Here's how to do it, and when your "
            "tolerance is lower than you think."
        ),
        author="dee",
        topics=("overdose prevention", "safer use", "safer injecting"),
        substances=("Fentanyl", "Heroin", "Opioids", "Stimulants"),
        includes_medical_info=True,
        sources=(
            (
                "CDC: Preventing Opioid Overdose",
                "https://www.cdc.gov/overdose-prevention/prevention/index.html",
            ),
            (
                "National Harm Reduction Coalition: Safer Drug Use",
                "https://harmreduction.org/issues/safer-drug-use/",
            ),
        ),
        body=(
            ("heading", "Why start with a little"),
            (
                "paragraph",
                (
                    "<p>Street drugs change all the time. The same bag from the same person can be "
                    "much stronger this week than last week. Fentanyl and other strong drugs can "
                    "be in it without you knowing. You can't tell how strong something is by "
                    "looking at it.</p>"
                    "<p>A tester shot is a small first amount. You use a little, wait, and see how "
                    "it hits before you use the rest. It's one of the simplest ways to avoid an "
                    "overdose, and it works for smoking and snorting too.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "My rule is simple. You can always add more. You can't take it back. I'd "
                        "rather do two small shots than one big one I can't undo."
                    ),
                    "attribution": "a peer",
                },
            ),
            (
                "steps",
                {
                    "intro": "Here is one way to do it:",
                    "steps": (
                        (
                            "Start with much less than usual, maybe a quarter or less, especially "
                            "with a new batch."
                        ),
                        (
                            "If you inject, push slowly. Push a little, stop, and notice how you "
                            "feel. If you smoke or snort, take one small hit or line."
                        ),
                        (
                            "Wait. Fentanyl can hit within seconds. Give it a few minutes before "
                            "you decide anything."
                        ),
                        "If it feels weak, add a little more. Then wait again.",
                        "Have a friend nearby and naloxone in reach while you test.",
                    ),
                },
            ),
            ("heading", "When your tolerance is lower"),
            (
                "paragraph",
                (
                    "<p>Tolerance is how much your body can handle. It goes down faster than most "
                    "people think, sometimes in just a few days. Be extra careful:</p>"
                    "<ul>"
                    "<li>when you have a new supply, or buy from someone new</li>"
                    "<li>after a break, even a short one, like a few days in the hospital or in "
                    "jail</li>"
                    "<li>when you return to use after time away, including after treatment or "
                    "detox</li>"
                    "<li>when you're sick, worn out, or haven't eaten</li>"
                    "<li>when you change how you use, like going from smoking to injecting</li>"
                    "<li>when you've had alcohol, benzos, or other downers</li></ul>"
                    "<p>At any of these times, start lower than you think you need.</p>"
                ),
            ),
            (
                "safety_tip",
                {
                    "title": "Go slow, not just low",
                    "text": (
                        "<p>Taking your time matters as much as the amount. A slow push, or a "
                        "pause between hits, gives you a chance to stop before it's too much. "
                        "Rushing takes that chance away.</p>"
                    ),
                },
            ),
            ("heading", "It's not just for opioids"),
            (
                "paragraph",
                (
                    "<p>Starting low helps with stimulants too. Too much meth or cocaine can cause "
                    "a racing heart, chest pain, overheating, or a seizure. Some people call this "
                    "overamping. And since fentanyl shows up in stimulants, a small first hit can "
                    "protect you from a nasty surprise either way.</p>"
                ),
            ),
            (
                "if_it_goes_wrong",
                {
                    "title": "If it goes wrong",
                    "text": (
                        "<p>If someone can't be woken up, has blue or gray lips, or is barely "
                        "breathing, call emergency services (911 in the US) and give naloxone. "
                        "Then give rescue breaths, one every 5 seconds, while you wait. If they "
                        "still aren't breathing well after 2 to 3 minutes, give another dose. Once "
                        "they're breathing, roll them onto their side and stay with them. Naloxone "
                        "can wear off before the opioid does.</p>"
                        "<p>If someone on stimulants has chest pain, is very hot and confused, or "
                        "has a seizure, call emergency services too.</p>"
                    ),
                },
            ),
        ),
    ),
    SeedArticle(
        slug="other-ways-to-use",
        title="Smoking, snorting, swallowing: other ways than injecting",
        summary=(
            "Smoking, snorting, or swallowing instead of injecting can lower some risks, like HIV, "
            "hepatitis C, and skin infections. Each way has its own risks, and you can still "
            "overdose. Here's how to do each one more safely."
        ),
        author="rae",
        topics=("safer use", "overdose prevention"),
        substances=("Fentanyl", "Heroin", "Methamphetamine", "Crack cocaine"),
        includes_medical_info=True,
        sources=(
            (
                "National Harm Reduction Coalition: Safer Drug Use",
                "https://harmreduction.org/issues/safer-drug-use/",
            ),
            (
                "CDC: Preventing Opioid Overdose",
                "https://www.cdc.gov/overdose-prevention/prevention/index.html",
            ),
        ),
        body=(
            ("heading", "Why some people switch"),
            (
                "paragraph",
                (
                    "<p>Injecting brings some risks that other ways of using don't. With no "
                    "needle, there's much less chance of getting HIV or hepatitis C. You won't get "
                    "abscesses or collapsed veins from needles. But xylazine (tranq) can still "
                    "cause wounds, however you use it. Some people also feel more in control, "
                    "because they can take one hit and wait.</p>"
                    "<p>Switching doesn't have to be all or nothing. Some people smoke on some "
                    "days and inject on others. Every shot you don't inject gives your veins a "
                    "rest.</p>"
                ),
            ),
            (
                "safety_tip",
                {
                    "title": "You can still overdose",
                    "text": (
                        "<p>Smoking or snorting fentanyl can still cause an overdose, and it can "
                        "happen fast. Carry naloxone, try not to use alone, and take one hit at a "
                        "time, however you use.</p>"
                    ),
                },
            ),
            ("heading", "Smoking"),
            (
                "paragraph",
                (
                    "<ul>"
                    "<li>Use your own pipe or foil. Sharing can spread hepatitis C through small "
                    "cuts and burns on your lips.</li>"
                    "<li>Don't use a cracked or chipped pipe. A mouthpiece, like a rubber tip on "
                    "your stem, protects your lips.</li>"
                    "<li>Let the pipe cool between hits.</li>"
                    "<li>Take small hits. Holding smoke in doesn't add much, but it's harder on "
                    "your lungs.</li>"
                    "<li>Drink water, and look after your mouth and teeth. Lip balm helps.</li>"
                    "</ul>"
                ),
            ),
            ("heading", "Snorting"),
            (
                "paragraph",
                (
                    "<ul>"
                    "<li>Use your own straw. Tiny bits of blood from inside your nose can get on "
                    "it and pass on hepatitis C. Skip rolled-up money, since lots of hands have "
                    "touched it.</li>"
                    "<li>Crush your drugs as fine as you can.</li>"
                    "<li>Switch sides between lines.</li>"
                    "<li>When you're done, rinse your nose gently with saline, sterile water, or "
                    "tap water that you boiled and let cool. Never use plain tap water.</li>"
                    "</ul>"
                ),
            ),
            ("heading", "Swallowing"),
            (
                "paragraph",
                (
                    "<p>Swallowing is slow. A pill, or drugs wrapped in paper, can take 30 minutes "
                    "to 2 hours to kick in. The biggest danger is thinking it isn't working and "
                    "taking more. Then it all hits at once.</p>"
                    "<ul>"
                    "<li>Take a small amount, and wait at least an hour or two before you take "
                    "more.</li>"
                    "<li>Pressed pills that look like real medicine often aren't. They may have "
                    "fentanyl or strong benzos in them. Test them if you can.</li>"
                    "<li>Food in your stomach can slow things down even more.</li></ul>"
                    "<p>If you're used to injecting, other ways can feel softer or slower at "
                    "first. That's normal. Start with less than you expect to need, since it's "
                    "hard to judge a new way of using. Many syringe programs give out free pipes, "
                    "mouthpieces, and straws, and can share tips.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "I switched to smoking for a while and my veins finally got a rest. No "
                        "more abscesses. That alone was worth it."
                    ),
                    "attribution": "a peer",
                },
            ),
            (
                "if_it_goes_wrong",
                {
                    "title": "If it goes wrong",
                    "text": (
                        "<p>If someone won't wake up, or is breathing very slowly or not at all, "
                        "call emergency services (911 in the US). Give naloxone. Then give rescue "
                        "breaths, one every 5 seconds, while you wait. If they still aren't "
                        "breathing well after 2 to 3 minutes, give another dose. Once they're "
                        "breathing, roll them onto their side. Stay with them, because naloxone "
                        "can wear off before the drugs do.</p>"
                        "<p>If someone on stimulants has chest pain, is very hot and confused, or "
                        "has a seizure, call emergency services too.</p>"
                    ),
                },
            ),
        ),
    ),
    SeedArticle(
        slug="dont-use-alone",
        title="Don't use alone: take turns and have a plan",
        summary=(
            "Most overdose deaths happen when nobody is there to help. Using with someone, taking "
            "turns, or calling a never-use-alone line means someone can respond. In the US, you "
            "can call 800-484-3731."
        ),
        author="lorna",
        topics=("overdose prevention", "friends and family"),
        substances=("Opioids", "Fentanyl"),
        includes_medical_info=True,
        sources=(
            (
                "CDC: What to Do If You Think Someone Is Overdosing",
                "https://www.cdc.gov/stop-overdose/response/index.html",
            ),
            (
                "CDC: Preventing Opioid Overdose",
                "https://www.cdc.gov/overdose-prevention/prevention/index.html",
            ),
            (
                "National Harm Reduction Coalition: Overdose Prevention",
                "https://harmreduction.org/issues/overdose-prevention/",
            ),
            ("Never Use Alone", "https://neverusealone.com/"),
        ),
        body=(
            ("heading", "Why it matters"),
            (
                "paragraph",
                (
                    "<p>An overdose doesn't have to end in death. Naloxone and rescue breaths "
                    "work, but only if someone is there to give them. When you use alone, nobody "
                    "can call for help or bring you back.</p>"
                    "<p>People use alone for lots of reasons. Shame. Not wanting to share. Living "
                    "somewhere you can't have people over. Nobody should be judged for that. This "
                    "article is about ways to have backup, even when you're on your own.</p>"
                ),
            ),
            ("heading", "Taking turns"),
            (
                "paragraph",
                (
                    "<p>If you use with other people, don't all use at the same time. Take turns, "
                    "so one person is always alert enough to help.</p>"
                ),
            ),
            (
                "steps",
                {
                    "intro": "Before anyone uses, agree on a plan:",
                    "steps": (
                        "Decide who goes first and who watches.",
                        (
                            "Get the naloxone out, open the box, and put it where everyone can "
                            "reach it."
                        ),
                        "Make sure someone has a charged phone.",
                        "Agree on who will call for help if someone doesn't respond.",
                        "Wait until the first person is OK before the next person uses.",
                    ),
                },
            ),
            (
                "quote",
                {
                    "quote": (
                        "My friend and I have a rule: one of us always stays sharp enough to use "
                        "the naloxone. We've each brought the other one back once."
                    ),
                    "attribution": "a peer",
                },
            ),
            ("heading", "If you're alone: call a never-use-alone line"),
            (
                "paragraph",
                (
                    "<p>A never-use-alone line is a free phone service. You call before you use. A "
                    "trained volunteer stays on the line with you. They ask for your location and "
                    "check in with you while you use. If you stop answering, they send emergency "
                    "services to where you are.</p>"
                    "<p>In the US, you can call <b>800-484-3731</b>. They won't judge you, and "
                    "they only send help if you stop responding. In some areas, police may come "
                    "along with an ambulance. If that worries you, ask the volunteer how it "
                    "works.</p>"
                    "<p>Some people set up a check-in with a friend instead. You text before you "
                    "use, and they call or come by if they don't hear back in a few minutes. Pick "
                    "someone who can get to you fast, or who will call emergency services to your "
                    "address if you don't answer. Leaving your door unlocked makes it easier for "
                    "help to reach you.</p>"
                ),
            ),
            (
                "safety_tip",
                {
                    "title": "Most states protect people who call",
                    "text": (
                        "<p>Most US states have Good Samaritan laws. When you call for help with "
                        "an overdose, these laws can protect you, and often the person who "
                        "overdosed, from some drug charges. They usually don't protect you from an "
                        "open warrant, a probation or parole violation, or charges for selling. "
                        "What they cover is different in each state. Calling can save a life "
                        "either way.</p>"
                    ),
                },
            ),
            ("heading", "When it's your turn to watch"),
            (
                "paragraph",
                (
                    "<p>Stay close, and keep checking. Can they talk to you? Are they breathing "
                    "normally? Snoring or gurgling can be a sign of overdose, not sleep. If you're "
                    "not sure, try to wake them. If they won't wake up, act right away.</p>"
                ),
            ),
            (
                "if_it_goes_wrong",
                {
                    "title": "If it goes wrong",
                    "text": (
                        "<p>If someone won't wake up, or is breathing very slowly or not at all, "
                        "call emergency services (911 in the US). Give naloxone. Then give rescue "
                        "breaths, one every 5 seconds, while you wait. If they still aren't "
                        "breathing well after 2 to 3 minutes, give another dose. Once they're "
                        "breathing, roll them onto their side. Stay with them, because naloxone "
                        "can wear off before the drugs do.</p>"
                    ),
                },
            ),
        ),
    ),
    SeedArticle(
        slug="naloxone",
        title="Naloxone: how to use it, and how to talk about it",
        summary=(
            "Naloxone can reverse an opioid overdose and bring someone's breathing back. Learn the "
            "signs of overdose, how to give naloxone step by step, what it can't do, and how to "
            "talk with friends and family so they're ready too."
        ),
        author="lorna",
        topics=("naloxone", "overdose prevention", "friends and family"),
        substances=("Opioids", "Fentanyl", "Xylazine", "Benzodiazepines"),
        includes_medical_info=True,
        sources=(
            ("CDC: Lifesaving Naloxone", "https://www.cdc.gov/stop-overdose/caring/naloxone.html"),
            ("NIDA: Naloxone DrugFacts", "https://nida.nih.gov/publications/drugfacts/naloxone"),
            (
                "CDC: What to Do If You Think Someone Is Overdosing",
                "https://www.cdc.gov/stop-overdose/response/index.html",
            ),
        ),
        body=(
            ("heading", "What naloxone is"),
            (
                "paragraph",
                (
                    "<p>Naloxone is a medicine that reverses an opioid overdose. Opioids include "
                    "heroin, fentanyl, and pain pills, and also methadone and buprenorphine. In an "
                    "overdose, opioids slow breathing until it stops. Naloxone pushes the opioids "
                    "aside for a while, so the person starts breathing again. You may know it by "
                    "the brand name Narcan.</p>"
                    "<p>It most often comes as a nasal spray. It also comes as a shot you give "
                    "into a muscle, like the thigh or upper arm. In the US, you can buy the nasal "
                    "spray at a pharmacy without a prescription. Syringe programs and many health "
                    "departments give it out for free.</p>"
                    "<p>Naloxone is safe. It won't hurt someone who hasn't taken opioids, and you "
                    "can't get high from it. If you're not sure what's going on, give it.</p>"
                ),
            ),
            ("heading", "Signs of an opioid overdose"),
            (
                "paragraph",
                (
                    "<ul>"
                    "<li>They won't wake up, even when you shout their name or rub hard on their "
                    "breastbone.</li>"
                    "<li>Their breathing is very slow or shallow, or has stopped.</li>"
                    "<li>You hear snoring, gurgling, or choking sounds.</li>"
                    "<li>Their lips and fingertips turn blue or gray. On darker skin, lips and "
                    "gums may look gray or ashy.</li>"
                    "<li>Their pupils are tiny.</li>"
                    "<li>Their body is limp.</li></ul>"
                    "<p>If someone can still talk and answer you, they're probably not having an "
                    "opioid overdose right now. But keep watching. Things can change fast.</p>"
                ),
            ),
            (
                "steps",
                {
                    "intro": "If you think someone is overdosing:",
                    "steps": (
                        (
                            "Try to wake them. Shout their name and rub your knuckles hard on the "
                            "middle of their chest."
                        ),
                        (
                            "Call emergency services (911 in the US). Say they aren't breathing or "
                            "won't wake up. Put the phone on speaker so your hands are free."
                        ),
                        (
                            "Give naloxone. For the nasal spray, tip their head back, put the "
                            "nozzle all the way into one nostril, and press the plunger. Don't "
                            "test-spray it first: each spray is one dose. For the shot, draw up "
                            "the whole vial, push the needle straight into the outer thigh or "
                            "upper arm (through clothes is OK), and push the plunger all the way "
                            "down."
                        ),
                        (
                            "Give rescue breaths while you wait. Tilt their head back, lift the "
                            "chin, pinch the nose, and give one breath every 5 seconds."
                        ),
                        (
                            "If they still aren't breathing well after 2 to 3 minutes, give a "
                            "second dose. Use a new device, in the other nostril if it's a spray."
                        ),
                        (
                            "Once they're breathing, roll them onto their side with the top knee "
                            "bent. This keeps them from choking if they throw up."
                        ),
                        "Stay with them until help comes, and for a while after.",
                    ),
                },
            ),
            ("heading", "Why you need to stay"),
            (
                "paragraph",
                (
                    "<p>Naloxone works for about 30 to 90 minutes. Many opioids last longer than "
                    "that, like methadone, or a big amount of strong fentanyl. So a person can "
                    "wake up, seem fine, and then stop breathing again when the naloxone wears "
                    "off. Stay with them. If you have to leave, put them on their side and make "
                    "sure someone else is watching.</p>"
                    "<p>When naloxone kicks in, people can wake up in withdrawal. They may feel "
                    "sick, sweaty, shaky, or upset. They may want to use again right away. Talk to "
                    "them calmly and tell them what happened. If they want to use again, let them "
                    "know the drugs already in their body kick back in when the naloxone wears "
                    "off. Waiting, or using a lot less with someone there, is safer.</p>"
                ),
            ),
            ("heading", "What naloxone can't do"),
            (
                "paragraph",
                (
                    "<p>Naloxone only works on opioids. It does <b>not</b> reverse benzos, "
                    "alcohol, xylazine (tranq), GHB, or other downers. It doesn't help with too "
                    "much meth or cocaine, either.</p>"
                    "<p>Still, if someone won't wake up, give naloxone anyway. Opioids are in a "
                    "lot of the drug supply, often mixed with these other drugs, and naloxone does "
                    "no harm if there are no opioids. If xylazine or benzos are involved, the "
                    "person may start breathing but stay very sleepy. That's OK. Breathing is what "
                    "matters most. If they're breathing OK, you don't need to give more naloxone "
                    "just because they're still sleepy. Keep giving rescue breaths if they need "
                    "them, put them on their side, and wait for help.</p>"
                ),
            ),
            (
                "safety_tip",
                {
                    "title": "Take care of your naloxone",
                    "text": (
                        "<p>Carry at least two doses. Strong opioids can need more than one, and "
                        "so can a buprenorphine overdose. "
                        "Keep it where you and others can find it fast. Don't leave it in a hot "
                        "car or let it freeze. Check the date, and replace it when it expires. If "
                        "expired naloxone is all you have, use it anyway. It may be weaker, but "
                        "it's better than nothing.</p>"
                    ),
                },
            ),
            ("heading", "Talking with friends and family"),
            (
                "paragraph",
                (
                    "<p>You can't give yourself naloxone during an overdose. It only helps if "
                    "someone near you has it and knows how to use it. That's why talking about it "
                    "matters.</p>"
                    "<p>If you use drugs, tell the people you spend time with where you keep your "
                    "naloxone, and show them how it works. It can feel awkward. You might start "
                    "with: “I want you to know what to do if anything ever happens to me. It takes "
                    "two minutes to learn.”</p>"
                    "<p>If you love someone who uses drugs, having naloxone doesn't mean you "
                    "approve. It's like keeping a fire extinguisher in the kitchen. You hope you "
                    "never need it. You might say: “I'm not asking you to change anything. I just "
                    "want to be ready, because I love you.”</p>"
                    "<ul>"
                    "<li>Keep naloxone in the same place every time, and tell people where it "
                    "is.</li>"
                    "<li>Practice with a trainer device if you can get one. Many programs have "
                    "them.</li>"
                    "<li>Talk through the plan: who calls for help, who gives the naloxone, who "
                    "stays.</li>"
                    "<li>Ask your friends to carry it too. The life they save might be yours.</li>"
                    "</ul>"
                ),
            ),
            (
                "content_warning",
                {
                    "warning": "Death and grief",
                    "text": (
                        "<p>My son was 24 when he died. He was alone in his room, and I was "
                        "downstairs. I had never seen naloxone. I didn't know what an overdose "
                        "looked like. I thought he was asleep.</p>"
                        "<p>I don't tell this to scare anyone. I tell it because I would give "
                        "anything to have known then what I know now. Now I carry naloxone "
                        "everywhere. I have used it twice on people I didn't know, and both of "
                        "them lived. If you carry it, you might be the reason someone gets to go "
                        "home.</p>"
                    ),
                },
            ),
            (
                "quote",
                {
                    "quote": (
                        "The first time I used naloxone my hands were shaking so much. It didn't "
                        "matter. It worked. He sat up and swore at me, and I've never been so "
                        "happy to be sworn at."
                    ),
                    "attribution": "a peer",
                },
            ),
            (
                "if_it_goes_wrong",
                {
                    "title": "If it goes wrong",
                    "text": (
                        "<p>Call emergency services (911 in the US). Give naloxone. Then give "
                        "rescue breaths, one every 5 seconds, while you wait. If they still aren't "
                        "breathing well after 2 to 3 minutes, give another dose. Roll them onto "
                        "their side once they're breathing, and stay with them until help "
                        "arrives.</p>"
                    ),
                },
            ),
        ),
    ),
    SeedArticle(
        slug="mixing-downers",
        title="Mixing drugs: benzos, alcohol, and opioids",
        summary=(
            "Opioids, benzos, alcohol, xylazine, and GHB all slow your breathing. Together, the "
            "risk multiplies. Here's why mixing is so risky, how to lower the risk if you do mix, "
            "and what to do in an emergency."
        ),
        author="lorna",
        topics=("mixing", "overdose prevention", "naloxone"),
        substances=("Benzodiazepines", "Alcohol", "Opioids", "Xylazine"),
        includes_medical_info=True,
        sources=(
            (
                "CDC: Polysubstance Use Facts",
                "https://www.cdc.gov/stop-overdose/caring/polysubstance-use.html",
            ),
            (
                "CDC: What You Should Know About Xylazine",
                (
                    "https://www.cdc.gov/overdose-prevention/about/what-you-should-know-about-xylazine.html"  # noqa: E501
                ),
            ),
            ("CDC: Lifesaving Naloxone", "https://www.cdc.gov/stop-overdose/caring/naloxone.html"),
        ),
        body=(
            ("heading", "Why downers are dangerous together"),
            (
                "paragraph",
                (
                    "<p>Some drugs slow your body down. They slow your breathing, your heart, and "
                    "how awake you are. People often call them downers. They include:</p>"
                    "<ul>"
                    "<li>opioids, like heroin, fentanyl, pain pills, and methadone</li>"
                    "<li>benzos, like Xanax, Valium, or Klonopin, and fake pills made to look like "
                    "them</li>"
                    "<li>alcohol</li>"
                    "<li>xylazine, also called tranq</li>"
                    "<li>GHB</li>"
                    "<li>some prescribed medicines, like sleeping pills and gabapentin</li></ul>"
                    "<p>Each one alone can slow your breathing. Together, they make each other "
                    "stronger. Two downers don't just add up; they multiply. An amount of heroin "
                    "you handle fine on its own can stop your breathing if you've been drinking or "
                    "took a benzo.</p>"
                ),
            ),
            ("heading", "You might be mixing without knowing"),
            (
                "paragraph",
                (
                    "<p>A lot of the supply is already mixed. Fentanyl often has xylazine or "
                    "strong benzos in it. Pressed pills that look like Xanax may be something "
                    "else. Fentanyl test strips don't pick up benzos or xylazine. So even if you "
                    "meant to take one thing, you may be getting two or three.</p>"
                ),
            ),
            (
                "steps",
                {
                    "intro": "If you're going to mix, these steps lower the risk:",
                    "steps": (
                        "Use less of each drug than you would on its own. A lot less.",
                        "Leave time between them. Let one kick in fully before you add another.",
                        (
                            "Be careful with benzos. They last for hours, so the risk stays high "
                            "long after you take them."
                        ),
                        "Go easy on alcohol when you're using opioids or benzos.",
                        "Don't use alone, and keep naloxone out and ready.",
                    ),
                },
            ),
            (
                "quote",
                {
                    "quote": (
                        "I used to take a couple of bars to come down and figured that was fine, "
                        "because they were just pills. Nobody told me they make the dope hit "
                        "harder. Now I space things out and go way lower."
                    ),
                    "attribution": "a peer",
                },
            ),
            ("heading", "Uppers don't cancel out downers"),
            (
                "paragraph",
                (
                    "<p>Some people think a stimulant, like meth or cocaine, will balance out a "
                    "downer. It doesn't. Your body has to deal with both at once. An upper can "
                    "also hide how strong a downer is. When the upper wears off, the downer can "
                    "hit you all at once.</p>"
                ),
            ),
            (
                "safety_tip",
                {
                    "title": "Don't stop benzos, GHB, or alcohol all at once",
                    "text": (
                        "<p>If you use benzos or GHB, or drink every day, stopping suddenly can "
                        "cause seizures, and it can be dangerous. If you want to cut down or stop, "
                        "go slowly, and get medical help if you can. If you might have to stop "
                        "suddenly, like in jail or the hospital, tell the staff that you use every "
                        "day.</p>"
                    ),
                },
            ),
            ("heading", "In an emergency"),
            (
                "paragraph",
                (
                    "<p>If someone has mixed downers and won't wake up, give naloxone. It will "
                    "reverse the opioid part. It won't reverse benzos, alcohol, GHB, or xylazine, "
                    "so the person may start breathing but stay very drowsy. Keep them on their "
                    "side, keep checking their breathing, give rescue breaths if they need them, "
                    "and wait with them for emergency help.</p>"
                ),
            ),
            (
                "if_it_goes_wrong",
                {
                    "title": "If it goes wrong",
                    "text": (
                        "<p>Call emergency services (911 in the US). Give naloxone, even if you "
                        "think benzos, alcohol, GHB, or xylazine are involved. Then give rescue "
                        "breaths, one every 5 seconds, while you wait. If they still aren't "
                        "breathing well after 2 to 3 minutes, give another dose. Roll them onto "
                        "their side once they're breathing, and stay with them.</p>"
                    ),
                },
            ),
        ),
    ),
    SeedArticle(
        slug="syringe-programs",
        title="Syringe programs: what they are and what to expect",
        summary=(
            "Syringe programs give out new supplies for free. Most keep your visit private. Many "
            "also offer naloxone, test strips, wound care, and HIV and hepatitis C testing. You "
            "don't have to stop using, and many don't need your real name."
        ),
        author="rae",
        topics=("syringe access", "safer injecting", "harm reduction basics"),
        substances=(),
        includes_medical_info=True,
        sources=(
            (
                "CDC: Syringe Services Programs",
                "https://www.cdc.gov/hiv/effective-interventions/prevent/syringe-services-programs",
            ),
            (
                "NASEN: About the North American Syringe Exchange Network",
                "https://nasen.org/about/",
            ),
            (
                "National Harm Reduction Coalition: Safer Drug Use",
                "https://harmreduction.org/issues/safer-drug-use/",
            ),
        ),
        body=(
            ("heading", "What a syringe program is"),
            (
                "paragraph",
                (
                    "<p>A syringe program is a place to get new supplies for free. You might hear "
                    "it called a syringe services program, a needle exchange, or just “the "
                    "exchange.” Some are in an office or clinic. Some are a van that parks in the "
                    "same spot each week. Some deliver, or send supplies by mail.</p>"
                    "<p>Most are open to anyone who uses drugs, whether you inject, smoke, or "
                    "snort. Some only serve adults. "
                    "You don't have to stop using, promise to stop, or even talk about "
                    "stopping.</p>"
                ),
            ),
            ("heading", "Free and private"),
            (
                "paragraph",
                (
                    "<p>Supplies and services are free. Most programs keep your visit private: "
                    "they don't share who comes in. Many programs "
                    "don't ask for your real name or ID. Some give you a code or a card instead. A "
                    "lot of the staff are peers who have used drugs themselves. They're there to "
                    "help, not to judge. If you're worried about who sees your information, ask "
                    "them. It's a fair question.</p>"
                ),
            ),
            ("heading", "What you can get"),
            (
                "paragraph",
                (
                    "<ul>"
                    "<li>new syringes, cookers, cottons, sterile water, ties, and alcohol pads</li>"
                    "<li>pipes, mouthpieces, and straws, at many programs</li>"
                    "<li>a safe place to drop off used syringes, and sharps containers to take "
                    "home</li>"
                    "<li>naloxone, and training on how to use it</li>"
                    "<li>fentanyl test strips, and sometimes other drug checking</li>"
                    "<li>wound care and first aid</li>"
                    "<li>testing for HIV and hepatitis C, and sometimes treatment</li>"
                    "<li>condoms and other safer sex supplies</li>"
                    "<li>vaccines, like for hepatitis A and B, at some programs</li></ul>"
                    "<p>If you want it, they can also help you find health care, housing, mental "
                    "health support, or treatment for drug use. It's your call. Nobody will make "
                    "you go anywhere or sign up for anything.</p>"
                ),
            ),
            (
                "steps",
                {
                    "intro": "Your first visit will probably go something like this:",
                    "steps": (
                        (
                            "You walk in, or walk up to the van. Someone says hi and asks what you "
                            "need."
                        ),
                        (
                            "They may ask a few simple questions, like how many syringes you use "
                            "in a week. You can skip anything you don't want to answer."
                        ),
                        "You pick up supplies. Many programs let you take enough to last a while.",
                        (
                            "You can drop off used syringes if you have them. Many programs don't "
                            "make you bring any back to get new ones."
                        ),
                        (
                            "You can ask about anything else they offer, or just go. Come back "
                            "anytime."
                        ),
                    ),
                },
            ),
            (
                "safety_tip",
                {
                    "title": "Pick up for friends",
                    "text": (
                        "<p>Many programs let you pick up supplies for people who can't come in. "
                        "If you have friends who use, ask about taking extra naloxone, test "
                        "strips, and works to hand out. It's one of the best ways to keep your "
                        "whole circle safer.</p>"
                    ),
                },
            ),
            ("heading", "Finding one"),
            (
                "paragraph",
                (
                    "<p>Ask around, or check with your local health department. You can also "
                    'check the <a href="https://nasen.org/map/">NASEN map</a>, a national '
                    "list of syringe programs in the US. Some programs aren't listed, to "
                    "protect people's privacy, so asking peers can help too.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "The first time I went, I grabbed stuff and left fast. Now the folks there "
                        "know my name. They dressed a burn on my hand and tested me for hep C. "
                        "It's the one place I don't have to explain myself."
                    ),
                    "attribution": "a peer",
                },
            ),
        ),
    ),
    SeedArticle(
        slug="after-a-return-to-use",
        title="After a return to use: your tolerance is lower",
        summary=(
            "If you start using again after time away, your body can't handle what it used to. "
            "This is one of the riskiest times for overdose. It's also not a failure. Here's how "
            "to stay safe and look after yourself."
        ),
        author="tomas",
        topics=("return to use", "overdose prevention", "safer use"),
        substances=("Opioids", "Fentanyl", "Methadone", "Buprenorphine"),
        includes_medical_info=True,
        sources=(
            (
                "CDC: Preventing Opioid Overdose",
                "https://www.cdc.gov/overdose-prevention/prevention/index.html",
            ),
            (
                "National Harm Reduction Coalition: Overdose Prevention",
                "https://harmreduction.org/issues/overdose-prevention/",
            ),
            ("SAMHSA: Harm Reduction", "https://www.samhsa.gov/find-help/harm-reduction"),
        ),
        body=(
            ("heading", "It happens, and it doesn't erase what you've done"),
            (
                "paragraph",
                (
                    "<p>Lots of people stop using for a while and then use again. Some people call "
                    "it a relapse. We call it a return to use. It happens to a lot of people, and "
                    "it doesn't make you weak or bad. It doesn't wipe out the time you had, or the "
                    "things you learned.</p>"
                    "<p>Your goals are yours to choose, whether that's stopping again, cutting "
                    "down, or just getting through today. Right now, the most important thing is "
                    "staying safe.</p>"
                ),
            ),
            ("heading", "Why your body is at risk"),
            (
                "paragraph",
                (
                    "<p>When you stop using opioids, your tolerance drops. It drops fast, often "
                    "within days. Your body loses its ability to handle the amount you used to "
                    "take. If you go back to your old amount, it can be far too much.</p>"
                    "<p>That's why the weeks after jail, detox, a hospital stay, or treatment are "
                    "some of the most dangerous times for overdose. The same is true if you've "
                    "stopped methadone or buprenorphine. And the supply may be much stronger now "
                    "than it was the last time you used.</p>"
                ),
            ),
            (
                "steps",
                {
                    "intro": "If you're going to use again:",
                    "steps": (
                        (
                            "Start with much less than you used to. Treat it like using for the "
                            "first time."
                        ),
                        "Do a tester first, and wait to see how it hits.",
                        "Test your drugs if you can.",
                        (
                            "Don't use alone. Use with someone, or call a never-use-alone line (in "
                            "the US, 800-484-3731)."
                        ),
                        (
                            "Keep naloxone with you, and make sure whoever you're with knows where "
                            "it is."
                        ),
                        "Think about smoking or snorting instead of injecting, at least at first.",
                    ),
                },
            ),
            (
                "safety_tip",
                {
                    "title": "If you're on methadone or buprenorphine",
                    "text": (
                        "<p>Using other opioids, benzos, or alcohol on top of methadone raises "
                        "your overdose risk. Buprenorphine gives you more protection, but mixing "
                        "it with benzos or alcohol is still risky. If you use while you're on "
                        "either one, use less, go slow, and tell your doctor or clinic if you feel "
                        "safe doing that. Many clinics would rather help you stay safe than drop "
                        "you. Rules differ, like about take-home doses, so you can ask how they "
                        "handle it first.</p>"
                    ),
                },
            ),
            ("heading", "Taking care of the rest of you"),
            (
                "paragraph",
                (
                    "<p>A return to use can bring up shame, guilt, or fear. Those feelings are "
                    "heavy. They can make people hide and use alone, which is more dangerous. You "
                    "don't have to carry it by yourself.</p>"
                    "<ul>"
                    "<li>Tell someone you trust, like a friend, a peer worker, or someone from "
                    "your program.</li>"
                    "<li>Be gentle with yourself about what was going on. Stress, pain, grief, or "
                    "losing housing can all play a part.</li>"
                    "<li>If you want to go back on methadone, buprenorphine, or another kind of "
                    "support, you can. Many places will take you back without a lecture.</li>"
                    "<li>If you don't want that right now, that's OK too. You still deserve care "
                    "and safety.</li>"
                    "</ul>"
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "I went back to using for a few months after years of not. I felt like I'd "
                        "thrown it all away. My peer worker said, 'You're still here, and that's "
                        "what counts.' I'm still here."
                    ),
                    "attribution": "a peer",
                },
            ),
            (
                "if_it_goes_wrong",
                {
                    "title": "If it goes wrong",
                    "text": (
                        "<p>If someone won't wake up, or is breathing very slowly or not at all, "
                        "call emergency services (911 in the US). Give naloxone. Then give rescue "
                        "breaths, one every 5 seconds, while you wait. If they still aren't "
                        "breathing well after 2 to 3 minutes, give another dose. Once they're "
                        "breathing, roll them onto their side. Stay with them, because naloxone "
                        "can wear off before the drugs do.</p>"
                    ),
                },
            ),
        ),
    ),
    SeedArticle(
        slug="vein-care",
        title="Looking after your veins and skin",
        summary=(
            "Changing spots, using new gear, and dealing with small problems early can keep your "
            "veins working and stop infections from getting serious. Here's how, plus the signs "
            "that mean you need medical care."
        ),
        author="dee",
        topics=("veins and skin", "safer injecting", "health care"),
        substances=("Xylazine", "Opioids", "Stimulants"),
        includes_medical_info=True,
        sources=(
            ("MedlinePlus: Skin abscess", "https://medlineplus.gov/ency/article/000863.htm"),
            (
                "National Harm Reduction Coalition: Injection safety manual",
                "https://harmreduction.org/issues/safer-drug-use/injection-safety-manual/",
            ),
            ("MedlinePlus: Endocarditis", "https://medlineplus.gov/ency/article/001098.htm"),
            ("CDC: About sepsis", "https://www.cdc.gov/sepsis/about/index.html"),
            (
                "CDC: What You Should Know About Xylazine",
                (
                    "https://www.cdc.gov/overdose-prevention/about/what-you-should-know-about-xylazine.html"  # noqa: E501
                ),
            ),
        ),
        body=(
            ("heading", "Give your veins a break"),
            (
                "paragraph",
                (
                    "<p>Your veins get hurt a little every time a needle goes in. If you use the "
                    "same spot over and over, it can scar, collapse, or get infected. A few simple "
                    "changes keep them working longer:</p>"
                    "<ul>"
                    "<li>Change spots each time. Move a little way from your last spot, and "
                    "switch arms when you can.</li>"
                    "<li>Point the needle toward your heart, the same way the blood flows.</li>"
                    "<li>Use the thinnest needle that works for you. On the pack, a bigger number "
                    "means a thinner needle.</li>"
                    "<li>Take the tie off before you push.</li>"
                    "<li>Push slowly. Going fast is harder on your veins.</li>"
                    "<li>Drink water. Veins are easier to find when you're not dried out.</li></ul>"
                    "<p>Arms are the safest place. Hands, feet, and legs are riskier. The neck and "
                    "groin are the riskiest of all, because big arteries and nerves run close "
                    "by.</p>"
                ),
            ),
            (
                "steps",
                {
                    "intro": "Before each shot:",
                    "steps": (
                        (
                            "Wash your hands with soap and water if you can. If not, use an "
                            "alcohol pad or a wipe."
                        ),
                        "Wipe the spot once with an alcohol pad, in one direction. Let it dry.",
                        "Use new, sterile gear and sterile water.",
                        "Don't lick the needle or the spot. Mouths are full of germs.",
                        (
                            "If you can't find the vein, pull out and try a new spot with a new "
                            "needle. Don't dig around under the skin."
                        ),
                    ),
                },
            ),
            ("heading", "Signs of trouble"),
            (
                "paragraph",
                (
                    "<p>A small red bump that goes away in a day or two is common. Watch for signs "
                    "that it's getting worse:</p>"
                    "<ul>"
                    "<li>red, hot, swollen, or hard skin that keeps getting bigger</li>"
                    "<li>pain that gets worse instead of better</li>"
                    "<li>a lump filled with pus (an abscess)</li>"
                    "<li>red lines spreading out from the spot</li>"
                    "<li>a wound that won't heal, or skin that turns dark or black</li></ul>"
                    "<p>Xylazine (tranq) can cause wounds that heal slowly. They can even show up "
                    "in places where you didn't inject. Get them looked at early, before they get "
                    "deep.</p>"
                ),
            ),
            (
                "safety_tip",
                {
                    "title": "Don't open an abscess yourself",
                    "text": (
                        "<p>Squeezing or cutting an abscess can push the infection deeper into "
                        "your body. Warm, damp cloths can help it feel better. A syringe program "
                        "or clinic can take a look, and a doctor can drain it safely if it needs "
                        "it.</p>"
                    ),
                },
            ),
            ("heading", "When to get care now"),
            (
                "paragraph",
                (
                    "<p>Go to urgent care or the emergency room, or call emergency services (911 "
                    "in the US), if you have:</p>"
                    "<ul>"
                    "<li>a fever or chills along with a sore spot</li>"
                    "<li>red lines spreading up your arm or leg</li>"
                    "<li>a racing heart, trouble breathing, or chest pain</li>"
                    "<li>skin that's turning black, or an arm or leg that's numb, cold, or very "
                    "swollen</li>"
                    "<li>a shot that hit an artery: bright red blood, bad pain, or blood that "
                    "spurts. Press hard on the spot for at least 10 minutes, and raise the arm or "
                    "leg. If the bleeding won't stop, call emergency services.</li>"
                    "</ul>"
                    "<p>Fever and chills that start soon after a shot can be cotton fever. It "
                    "often passes in a few hours. But a fever that lasts more than a day, keeps "
                    "coming back, or comes with weakness, shortness of breath, or chest pain can "
                    "mean an infection in your blood or heart. These infections can kill, and they "
                    "can be treated. Get seen today.</p>"
                    "<p>Call emergency services if someone is confused, very hard to wake, "
                    "breathing fast, or has cold, blotchy skin. That can be sepsis, a "
                    "life-threatening reaction to an infection.</p>"
                    "<p>You don't have to stop using to get care, and you can tell staff as much "
                    "or as little as you want.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "I ignored a sore on my arm for two weeks because I didn't want to deal "
                        "with the ER. By the time I went, I had to stay three days. Now I show the "
                        "nurse at the van anything that looks off."
                    ),
                    "attribution": "a peer",
                },
            ),
        ),
    ),
    SeedArticle(
        slug="talking-with-providers",
        title="Talking with a health-care provider about drug use",
        summary=(
            "You decide what to share with doctors and nurses. Being open can get you safer care, "
            "the right medicines, and tests that matter. Here's what to think about, what to say, "
            "and what to do if you're not treated well."
        ),
        author="tomas",
        topics=("health care", "harm reduction basics"),
        substances=("Methadone", "Buprenorphine"),
        includes_medical_info=True,
        sources=(
            (
                "MedlinePlus: Talking With Your Doctor",
                "https://medlineplus.gov/talkingwithyourdoctor.html",
            ),
            ("SAMHSA: Harm Reduction", "https://www.samhsa.gov/find-help/harm-reduction"),
            (
                "HHS: Your rights under HIPAA",
                "https://www.hhs.gov/hipaa/for-individuals/index.html",
            ),
            (
                "eCFR: 42 CFR Part 2, Confidentiality of Substance Use Disorder Patient Records",
                "https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2",
            ),
        ),
        body=(
            ("heading", "Why it can help to tell them"),
            (
                "paragraph",
                (
                    "<p>Lots of people keep drug use from their doctors and nurses. Maybe you've "
                    "been judged before, or you worry about what happens to the information. Those "
                    "worries make sense. What you share is up to you.</p>"
                    "<p>Still, telling a provider can get you better care:</p>"
                    "<ul>"
                    "<li>Some medicines mix badly with drugs or alcohol. They can only warn you if "
                    "they know.</li>"
                    "<li>If you need surgery or pain control, they can plan doses that actually "
                    "work for you.</li>"
                    "<li>They can test you for HIV, hepatitis C, and other infections, and give "
                    "you vaccines.</li>"
                    "<li>They can prescribe naloxone, and treat wounds or infections early.</li>"
                    "<li>If you want, they can talk with you about methadone, buprenorphine, or "
                    "other options.</li>"
                    "</ul>"
                ),
            ),
            (
                "steps",
                {
                    "intro": "A little planning before the visit can make it easier:",
                    "steps": (
                        (
                            "Write down what you want from the visit, like a wound checked, a "
                            "test, or a refill."
                        ),
                        "Decide what you want to share, and what you don't.",
                        (
                            "Make a list of what you take: drugs, alcohol, prescriptions, and "
                            "anything from the store."
                        ),
                        "Bring a friend or a peer worker if that helps you feel safer.",
                        "Write down your questions so you don't forget them.",
                    ),
                },
            ),
            ("heading", "What you might say"),
            (
                "paragraph",
                (
                    "<p>You don't need perfect words. Plain and honest works. Here are some ways "
                    "to start:</p>"
                    "<ul>"
                    "<li>“I use fentanyl most days. I'm not looking to stop right now. I want to "
                    "stay as safe as I can.”</li>"
                    "<li>“I smoke meth. Is this new medicine OK with that?”</li>"
                    "<li>“I inject, and I'd like to get tested for HIV and hep C.”</li>"
                    "<li>“If I end up in the hospital, I'll go into withdrawal. Can we plan for "
                    "that?”</li>"
                    "<li>“Can I get a prescription for naloxone?”</li></ul>"
                    "<p>You can also ask, “Who will see this information?” It's a fair "
                    "question.</p>"
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "I told my new doctor straight out that I'm on methadone and still use "
                        "sometimes. I waited for the look. It never came. She asked what would "
                        "help, then gave me naloxone and a hep C test."
                    ),
                    "attribution": "a peer",
                },
            ),
            ("heading", "Your privacy"),
            (
                "paragraph",
                (
                    "<p>In the US, a law called HIPAA protects your health information. But it has "
                    "limits. It lets your information be shared with other staff who are treating "
                    "you, and with your insurance. Sometimes it can be shared with police or a "
                    "court, like when there's a court order or a warrant.</p>"
                    "<p>Records from a drug treatment program, like a methadone clinic, get extra "
                    "protection under a federal rule called 42 CFR Part 2. Usually, those records "
                    "can't be shared or used against you in court unless you give your OK in "
                    "writing, or a judge gives a special court order. What you tell your regular "
                    "doctor or the ER usually doesn't get that extra protection.</p>"
                    "<p>Some states have different rules during pregnancy. If you're not sure, ask "
                    "before you share: “Who will see this, and does it go in my chart?” A syringe "
                    "program or peer worker may know how it works where you live.</p>"
                ),
            ),
            (
                "safety_tip",
                {
                    "title": "If you're treated badly",
                    "text": (
                        "<p>You deserve respect, whether or not you use drugs. If a provider is "
                        "rude or won't listen, you can ask to see someone else. Many hospitals "
                        "have a patient advocate, a staff person whose job is to help with "
                        "problems like this. It's also OK to leave and find a different clinic. "
                        "One bad visit doesn't mean every place will treat you that way.</p>"
                    ),
                },
            ),
        ),
    ),
)
