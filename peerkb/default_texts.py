"""Starting words for the pages and settings every install has.

Peer moderators change all of it in the Wagtail admin; this is only what a
fresh site starts with.
"""

CRISIS_LINES = [
    (
        "line",
        {
            "name": "Never Use Alone (US)",
            "number": "800-484-3731",
            "hours": "24 hours, every day",
            "description": (
                "Call before you use. Someone stays on the line with you and sends help "
                "to your location if you stop answering."
            ),
        },
    ),
    (
        "line",
        {
            "name": "988 Suicide & Crisis Lifeline (US)",
            "number": "988",
            "hours": "24 hours, every day",
            "description": (
                "Call or text when things feel like too much. Talking about drug use is okay."
            ),
        },
    ),
]

OVERDOSE_STEPS = """
<h2>Give naloxone</h2>
<ol>
<li>Spray one dose of naloxone (Narcan) into a nostril, or inject it into a thigh or upper arm muscle.</li>
<li>If they don't respond in 2 to 3 minutes, give another dose.</li>
</ol>
<p>Naloxone reverses opioid overdoses. It does not reverse sedation from benzos, alcohol or xylazine. Give it anyway: opioids are in a lot of the supply, and naloxone won't harm someone who hasn't taken any.</p>
<h2>Help them breathe</h2>
<ol>
<li>Tilt their head back and lift their chin. Check nothing is in their mouth.</li>
<li>Pinch their nose and give one slow breath every 5 seconds. Watch for their chest to rise.</li>
</ol>
<h2>Put them in the recovery position</h2>
<p>If they are breathing but not awake, lay them on their side, top knee bent, head resting on their hand. This keeps their airway open if they throw up.</p>
<h2>Stay with them</h2>
<p>Naloxone can wear off before the opioid does, and the overdose can come back. Stay until help arrives, or for at least a few hours.</p>
""".strip()

GOOD_SAMARITAN = """
<p>Worried about the police? Many places have Good Samaritan laws that protect people who call for help at an overdose, and often the person who overdosed, from some drug charges. They usually cover having drugs for your own use, and sometimes needles, pipes or other gear. They often don't cover selling, other charges, or warrants someone already has. What they cover is different from place to place. This isn't legal advice.</p>
""".strip()

HOME_INTRO = """
<p>Where We're At is a community run by and for people who use drugs, and the people who care about them. Share what you've learned, ask what you want to know, and find information written by peers who have been there.</p>
<p>You only need a made-up name to join. No real name, no phone number, no email.</p>
""".strip()

OVERDOSE_INTRO = (
    "If someone won't wake up, is breathing slowly or not at all, or their lips look blue or "
    "gray, act now: call for help and give naloxone."
)

GUIDELINES_INTRO = "How we keep this a safe place to talk honestly."

GUIDELINES_BODY = """
<p>People here use drugs, used to, or care about someone who does. Everyone deserves respect, whatever stage they're at.</p>
<h2>No sourcing or selling</h2>
<p>Don't ask where to buy, offer to sell, or swap contacts for drugs. Those posts put everyone at risk, and we remove them.</p>
<h2>Don't identify anyone</h2>
<p>No real names, addresses, workplaces, photos of faces, or details that point to a person, including yourself. Talk about places only in a general way.</p>
<h2>No judging anyone's choices</h2>
<p>Some people want to use more safely, some want to cut back, some want to stop. All of that is welcome here. Share what worked for you without telling others what they should do.</p>
<h2>Use content warnings</h2>
<p>Add a content warning when you write about overdose, death, self-harm, violence, sexual content or graphic drug use, so people can choose when to read it.</p>
<h2>Use person-first words</h2>
<p>Say "person who uses drugs" rather than labels like "addict" or "junkie". Talk about tests as positive or negative, not clean or dirty. People may describe themselves however they like.</p>
<h2>If you see a problem</h2>
<p>Flag it. Peer moderators review flags, give a reason for every action in the public moderation log, and anyone can appeal. If someone may be in danger, flag it that way: nothing gets hidden, and a peer reaches out.</p>
<h2>How trust works here</h2>
<p>New members can start a few threads and write a few replies a day at first. The limits go up as you read and take part. A new member's first post with a link, and any post with a phone number, email or street address, waits for a quick look by a peer moderator. If a word you use can hurt, we suggest another one before you post. It's still your choice.</p>
""".strip()

PRIVACY_INTRO = (
    "What we keep, what we never keep, and how to take your things with you or delete them."
)

PRIVACY_BODY = """
<h2>What we store</h2>
<ul>
<li>Your handle, your password (scrambled so nobody can read it) and the month you joined.</li>
<li>What you choose to add to your profile: pronouns, a short bio, why you're here.</li>
<li>An email address only if you give one. It is never shown to anyone.</li>
<li>A scrambled copy of your recovery code, so you can get back in without email.</li>
<li>For each day you visit, a few counts (how many posts you read, threads you opened, replies and reactions). They only decide your trust level. We don't keep what you read or when.</li>
<li>Moderation decisions about you or your posts, with their reasons. You can read them and appeal.</li>
</ul>
<h2>What we never store</h2>
<ul>
<li>Your IP address. Not in our database, not in our logs.</li>
<li>Your real name or phone number. We never ask for them.</li>
<li>Anything from ad companies or trackers. Every page, image, font and script comes from this site alone.</li>
</ul>
<h2>Emails</h2>
<p>Emails are discreet: the subject and text don't say what this site is about, so someone looking over your shoulder learns nothing.</p>
<h2>Search engines and scraping</h2>
<p>We ask search engines not to list the forum, member profiles or moderation pages. Copying the forum in bulk, by hand or with a program, is not allowed, including for research or news stories.</p>
<h2>Shared phones and computers</h2>
<p>You are signed out when the browser closes. The quick exit button at the top of every page, or pressing Escape three times, takes you to a neutral site.</p>
<p>In your settings you can have quick exit sign you out too, and have every page called "Notes" in browser tabs and history. If you tick "Other people use this phone or computer" when you log in, quick exit signs you out from then on.</p>
<p>Quick exit can't hide everything. If JavaScript is turned off or blocked, pressing Back after a quick exit shows the page you were on again. Either way, this site's pages stay in the browser's history list: no website can take itself out of it. After a quick exit, close the tab, or the whole browser, as soon as you can. A private or incognito window keeps no history at all.</p>
<h2>Take your things with you, or delete them</h2>
<p>In your settings you can download everything we hold about your account, or delete your account. Deleting is permanent and removes it from our database.</p>
""".strip()

ABOUT_INTRO = "A peer-led harm reduction community."

ABOUT_BODY = """
<p>Harm reduction means meeting people where they're at. It treats people who use drugs with dignity and takes their own knowledge seriously.</p>
<p>Here, lived experience counts as expertise. Members share what they've learned in the forum. Peers write and check each other's articles in the knowledge base. Organizations bring their policy drafts to the people those policies affect, because nothing should be decided about us without us.</p>
<p>The community moderates itself, in the open. Every moderation decision has a reason you can read.</p>
""".strip()

KNOWLEDGE_BASE_INTRO = (
    "Articles written by peers, from lived experience, and checked by two other peers "
    "before they go up. Take what helps and leave the rest."
)

# The substances authors can file articles under. Peer moderators add to the
# list in the admin; these are where a fresh site starts.
STARTER_SUBSTANCES = [
    "Alcohol",
    "Benzodiazepines",
    "Buprenorphine",
    "Cannabis",
    "Cocaine",
    "Crack cocaine",
    "Fentanyl",
    "GHB",
    "Heroin",
    "Ketamine",
    "Kratom",
    "LSD",
    "MDMA",
    "Methadone",
    "Methamphetamine",
    "Nitazenes",
    "Opioids",
    "Psilocybin mushrooms",
    "Stimulants",
    "Xylazine",
]
