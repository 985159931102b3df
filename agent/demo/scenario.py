"""The demo's job search: eight companies and the noise of a real inbox, over five weeks.

Alex Morgan (alex@example.com, Europe/Berlin) is looking for a new role in March 2026.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from agent.demo.mail import DemoMail, ics_request

TZ = ZoneInfo("Europe/Berlin")
ME = "Alex Morgan <alex@example.com>"
START = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
END = datetime(2026, 4, 6, 9, 0, tzinfo=TZ)

# Companies whose drafts the simulated user sends as soon as they appear.
USER_SENDS_DRAFTS_FOR = ("ferncastle-games",)


def at(day: str, hm: str = "10:00") -> datetime:
    return datetime.fromisoformat(f"2026-{day}T{hm}:00").replace(tzinfo=TZ)


def _in(
    day: str,
    hm: str,
    sender: str,
    subject: str,
    body: str,
    msgid: str,
    reply_to: str | None = None,
    **kw: object,
) -> DemoMail:
    return DemoMail(at(day, hm), "INBOX", sender, ME, subject, body, msgid, reply_to, **kw)  # type: ignore[arg-type]


def _out(
    day: str, hm: str, to: str, subject: str, body: str, msgid: str, reply_to: str | None = None
) -> DemoMail:
    return DemoMail(at(day, hm), "Sent", ME, to, subject, body, msgid, reply_to)


PRIYA = "Priya Natarajan <priya.natarajan@northwindrobotics.com>"
MARCO = "Marco Rossi <marco.rossi@cedarpine-health.com>"
DANA = "Dana Whitfield <dana.whitfield@heliosenergy.com>"
SOFIA = "Sofia Lind <sofia.lind@quantumleaf.io>"
TOM = "Tom Becker <tom.becker@larkspur-logistics.com>"
JAMIE = "Jamie Cole <jamie.cole@ferncastlegames.com>"

MAILS: list[DemoMail] = [
    # Northwind Robotics: application through Greenhouse, phone screen, onsite, offer.
    _in(
        "03-02",
        "09:14",
        "Northwind Robotics <no-reply@us.greenhouse-mail.io>",
        "Thank you for applying to Northwind Robotics",
        "Hi Alex,\n\nThanks for applying for the Senior Robotics Software Engineer role at "
        "Northwind Robotics. We have received your application and our recruiting team will "
        "review it. If your background is a match, someone will be in touch.\n\n"
        "Best,\nNorthwind Robotics Talent Team\n",
        "gh-ack-1@us.greenhouse-mail.io",
    ),
    _in(
        "03-05",
        "11:02",
        PRIYA,
        "Senior Robotics Software Engineer - next steps",
        "Hi Alex,\n\nThank you for your interest in Northwind Robotics. I'm the recruiter for "
        "the Senior Robotics Software Engineer position and I'd like to set up a 30-minute "
        "phone screen with you. Could you share your availability for early next week?\n\n"
        "Kind regards,\nPriya Natarajan\nTechnical Recruiter, Northwind Robotics\n",
        "nw-1@northwindrobotics.com",
    ),
    _out(
        "03-05",
        "18:40",
        PRIYA,
        "Re: Senior Robotics Software Engineer - next steps",
        "Dear Ms. Natarajan,\n\nThank you! Tuesday 10 March at 14:00 would suit me well.\n\n"
        "Best regards,\nAlex Morgan\n",
        "alex-nw-1@example.com",
        "nw-1@northwindrobotics.com",
    ),
    _in(
        "03-06",
        "09:30",
        PRIYA,
        "Invitation: Phone screen Alex Morgan / Northwind Robotics",
        "Hi Alex,\n\nGreat, I've sent a calendar invitation for our phone screen on Tuesday, "
        "10 March at 14:00. Talk soon!\n\nPriya Natarajan\nTechnical Recruiter, Northwind "
        "Robotics\n",
        "nw-2@northwindrobotics.com",
        "alex-nw-1@example.com",
        ics=ics_request(
            "nw-phone-screen",
            at("03-10", "14:00"),
            30,
            "Phone screen: Alex Morgan / Northwind Robotics",
            "priya.natarajan@northwindrobotics.com",
            "Priya Natarajan",
        ),
    ),
    _in(
        "03-11",
        "16:05",
        PRIYA,
        "Re: Invitation: Phone screen Alex Morgan / Northwind Robotics",
        "Hi Alex,\n\nThanks again for the conversation yesterday. The hiring team enjoyed it and "
        "would like to invite you to an onsite interview (the second round) on Thursday, "
        "19 March from 10:00 to 15:00 at our Berlin office. Please let me know if that works "
        "for you.\n\nBest,\nPriya Natarajan\nTechnical Recruiter, Northwind Robotics\n",
        "nw-3@northwindrobotics.com",
        "nw-2@northwindrobotics.com",
    ),
    _out(
        "03-11",
        "19:12",
        PRIYA,
        "Re: Invitation: Phone screen Alex Morgan / Northwind Robotics",
        "Dear Ms. Natarajan,\n\nThat works for me. I look forward to meeting the team on the "
        "19th.\n\nBest regards,\nAlex Morgan\n",
        "alex-nw-2@example.com",
        "nw-3@northwindrobotics.com",
    ),
    _in(
        "03-25",
        "15:20",
        PRIYA,
        "Re: Invitation: Phone screen Alex Morgan / Northwind Robotics",
        "Hi Alex,\n\nI'm delighted to let you know that we would like to offer you the Senior "
        "Robotics Software Engineer position at Northwind Robotics! The formal offer letter "
        "will arrive via DocuSign later today; please review it and let me know if you have "
        "any questions.\n\nCongratulations,\nPriya Natarajan\n",
        "nw-4@northwindrobotics.com",
        "alex-nw-2@example.com",
    ),
    # Bluefin Analytics: acknowledged and rejected through Lever.
    _in(
        "03-03",
        "08:01",
        "Bluefin Analytics <no-reply@hire.lever.co>",
        "Thank you for your application to Bluefin Analytics",
        "Dear Alex,\n\nThank you for applying for the Data Engineer position at Bluefin "
        "Analytics. We have received your application and will review it carefully.\n\n"
        "The Bluefin Analytics Recruiting Team\n",
        "lever-ack-1@hire.lever.co",
    ),
    _in(
        "03-17",
        "17:45",
        "Bluefin Analytics <no-reply@hire.lever.co>",
        "Your application to Bluefin Analytics",
        "Dear Alex,\n\nThank you for your interest in the Data Engineer position at Bluefin "
        "Analytics. After careful consideration, we have decided to move forward with other "
        "candidates whose experience more closely matches our current needs.\n\nWe wish you "
        "every success in your search.\n\nThe Bluefin Analytics Recruiting Team\n",
        "lever-rej-1@hire.lever.co",
    ),
    # Cedar & Pine Health: two rounds, then a personal no.
    _in(
        "03-04",
        "13:10",
        MARCO,
        "Platform Engineer interview at Cedar & Pine Health",
        "Hello Alex,\n\nI'm the engineering manager for the Platform Engineer opening at "
        "Cedar & Pine Health. We'd like to invite you to a first interview by video call. "
        "Would Monday, 9 March at 11:00 work for you?\n\nBest regards,\nMarco Rossi\n"
        "Engineering Manager, Cedar & Pine Health\n",
        "cp-1@cedarpine-health.com",
    ),
    _out(
        "03-04",
        "17:30",
        MARCO,
        "Re: Platform Engineer interview at Cedar & Pine Health",
        "Dear Mr. Rossi,\n\nThank you, Monday at 11:00 works well for me.\n\nBest regards,\n"
        "Alex Morgan\n",
        "alex-cp-1@example.com",
        "cp-1@cedarpine-health.com",
    ),
    _in(
        "03-04",
        "17:31",
        MARCO,
        "Automatic reply: Re: Platform Engineer interview at Cedar & Pine Health",
        "I am out of the office until Thursday with limited access to email. I will reply "
        "when I am back.\n\nMarco Rossi\n",
        "cp-ooo-1@cedarpine-health.com",
        "alex-cp-1@example.com",
        headers={"Auto-Submitted": "auto-replied"},
    ),
    _in(
        "03-10",
        "10:15",
        MARCO,
        "Second interview - Cedar & Pine Health",
        "Hello Alex,\n\nThanks for your time yesterday. We would like to invite you to a second "
        "interview with two of our senior engineers on Thursday, 12 March at 15:00. A calendar "
        "invitation is attached.\n\nBest regards,\nMarco Rossi\nEngineering Manager, Cedar & "
        "Pine Health\n",
        "cp-2@cedarpine-health.com",
        "alex-cp-1@example.com",
        ics=ics_request(
            "cp-round-2",
            at("03-12", "15:00"),
            60,
            "Second interview: Alex Morgan",
            "marco.rossi@cedarpine-health.com",
            "Marco Rossi",
        ),
    ),
    _in(
        "03-24",
        "12:00",
        MARCO,
        "Re: Second interview - Cedar & Pine Health",
        "Hello Alex,\n\nThank you for the time you invested in our interviews. I'm sorry to "
        "tell you that we have decided not to move forward with your application. It was a "
        "close call and the team enjoyed meeting you.\n\nI wish you all the best,\nMarco Rossi\n",
        "cp-3@cedarpine-health.com",
        "cp-2@cedarpine-health.com",
    ),
    # Helios Energy: a phone screen, then silence.
    _in(
        "03-09",
        "09:45",
        DANA,
        "Phone screen for the Energy Data Analyst role",
        "Hi Alex,\n\nThanks for applying to Helios Energy. I'd like to schedule a 30-minute "
        "phone screen for the Energy Data Analyst role. Would Thursday, 12 March at 11:00 "
        "work for you?\n\nBest,\nDana Whitfield\nTalent Acquisition, Helios Energy\n",
        "he-1@heliosenergy.com",
    ),
    _out(
        "03-09",
        "12:20",
        DANA,
        "Re: Phone screen for the Energy Data Analyst role",
        "Dear Ms. Whitfield,\n\nThursday at 11:00 works for me. I look forward to our call.\n\n"
        "Best regards,\nAlex Morgan\n",
        "alex-he-1@example.com",
        "he-1@heliosenergy.com",
    ),
    # Quantum Leaf: second round, "by Friday", then a late holding reply.
    _in(
        "03-10",
        "14:00",
        SOFIA,
        "Second-round interview, Quantum Leaf",
        "Hi Alex,\n\nCongratulations on moving to the second round for the Backend Engineer "
        "role at Quantum Leaf! I've scheduled your interview with our CTO for Tuesday, 17 March "
        "at 13:00; the invitation is attached.\n\nWarm regards,\nSofia Lind\nPeople Partner, "
        "Quantum Leaf\n",
        "ql-1@quantumleaf.io",
        ics=ics_request(
            "ql-round-2",
            at("03-17", "13:00"),
            60,
            "Quantum Leaf: second-round interview",
            "sofia.lind@quantumleaf.io",
            "Sofia Lind",
        ),
    ),
    _in(
        "03-17",
        "13:05",
        "Noah Berg <noah.berg@quantumleaf.io>",
        "Accepted: Quantum Leaf: second-round interview",
        "Noah Berg has accepted this invitation.\n",
        "ql-acc-1@quantumleaf.io",
    ),
    _in(
        "03-18",
        "09:20",
        SOFIA,
        "Re: Second-round interview, Quantum Leaf",
        "Hi Alex,\n\nThank you for coming in yesterday, the team enjoyed the conversation. We "
        "are meeting on Thursday to discuss all candidates and we will get back to you by "
        "Friday.\n\nWarm regards,\nSofia Lind\nPeople Partner, Quantum Leaf\n",
        "ql-2@quantumleaf.io",
        "ql-1@quantumleaf.io",
    ),
    _in(
        "03-24",
        "16:40",
        SOFIA,
        "Re: Second-round interview, Quantum Leaf",
        "Hi Alex,\n\nApologies for the wait. We are still collecting feedback from one "
        "interviewer who was travelling last week, and I hope to have an answer for you "
        "within two weeks.\n\nWarm regards,\nSofia Lind\n",
        "ql-3@quantumleaf.io",
        "ql-2@quantumleaf.io",
    ),
    # Larkspur Logistics: the interviewer prefers a phone call.
    _in(
        "03-11",
        "08:50",
        TOM,
        "Interview for the Operations Analyst position",
        "Dear Alex,\n\nWe would like to invite you to an interview for the Operations Analyst "
        "position at Larkspur Logistics on Monday, 16 March at 10:00 at our Hamburg office.\n\n"
        "Best regards,\nTom Becker\nHead of Operations, Larkspur Logistics\n",
        "lk-1@larkspur-logistics.com",
    ),
    _in(
        "03-17",
        "11:30",
        TOM,
        "Re: Interview for the Operations Analyst position",
        "Dear Alex,\n\nThank you for your time yesterday. We will make a decision next week. "
        "I'm rarely at my desk, so if you have any questions please give me a call at "
        "+49 40 555 0133 rather than emailing.\n\nBest regards,\nTom Becker\n",
        "lk-2@larkspur-logistics.com",
        "lk-1@larkspur-logistics.com",
    ),
    # Ferncastle Games: an interview, then nothing, whatever Alex writes.
    _in(
        "03-02",
        "10:30",
        JAMIE,
        "Interview invitation: Gameplay Programmer",
        "Hi Alex,\n\nThanks for your application for the Gameplay Programmer role at "
        "Ferncastle Games. We'd like to invite you to a video interview on Thursday, 5 March "
        "at 16:00.\n\nCheers,\nJamie Cole\nLead Programmer, Ferncastle Games\n",
        "fc-1@ferncastlegames.com",
    ),
    _out(
        "03-02",
        "12:00",
        JAMIE,
        "Re: Interview invitation: Gameplay Programmer",
        "Dear Jamie Cole,\n\nThank you, Thursday at 16:00 works for me.\n\nBest regards,\n"
        "Alex Morgan\n",
        "alex-fc-1@example.com",
        "fc-1@ferncastlegames.com",
    ),
    # Orbital Foods: a Workday acknowledgement from a no-reply address, and nothing more.
    _in(
        "03-04",
        "07:55",
        "Orbital Foods <orbitalfoods@myworkday.com>",
        "Thank you for applying to Orbital Foods",
        "Dear Alex Morgan,\n\nThank you for applying for the Supply Chain Analyst position at "
        "Orbital Foods. Your application has been received and is under review.\n\n"
        "Orbital Foods Talent Acquisition\nThis mailbox is not monitored; please do not reply.\n",
        "wd-ack-1@myworkday.com",
    ),
    # Noise: none of this is a hiring process.
    _in(
        "03-03",
        "06:00",
        "LinkedIn Job Alerts <jobalerts-noreply@linkedin.com>",
        '15 new jobs for "robotics software engineer" in Berlin',
        "Your job alert for robotics software engineer in Berlin\n\n15 new jobs match your "
        "preferences.\n\nRobotics Engineer - Acme Automation - Berlin\nSoftware Engineer, "
        "Motion Planning - Kestrel AI - Munich\nSee all jobs\n\nUnsubscribe | Help\n",
        "li-alert-1@linkedin.com",
        headers={"List-Unsubscribe": "<https://www.linkedin.com/u>"},
    ),
    _in(
        "03-10",
        "06:00",
        "Indeed <alert@indeed.com>",
        "New jobs for Data Engineer near Berlin",
        "Data Engineer - Streamline GmbH - Berlin - Easily apply\nSenior Data Engineer - "
        "Polar Systems - Remote\n\nView all jobs. You are receiving this email because you "
        "created a job alert. Unsubscribe.\n",
        "indeed-alert-1@indeed.com",
        headers={"List-Unsubscribe": "<https://www.indeed.com/u>"},
    ),
    _in(
        "03-12",
        "07:00",
        "The Engineering Dispatch <newsletter@engdispatch.news>",
        "This week: interview season, offer negotiation tips, and more",
        "This week in The Engineering Dispatch: how to prepare for a system design interview, "
        "a special offer on our annual subscription, and ten tips for negotiating an offer.\n\n"
        "Read online | Unsubscribe\n",
        "nl-1@engdispatch.news",
        headers={
            "List-Id": "<weekly.engdispatch.news>",
            "List-Unsubscribe": "<https://engdispatch.news/u>",
        },
    ),
    _in(
        "03-16",
        "14:22",
        "Kim Schneider <kim@talentbridge-partners.com>",
        "Exciting Staff Engineer opportunity",
        "Hi Alex,\n\nI came across your profile and think you'd be a great fit for a Staff "
        "Engineer role with one of my clients, a fast-growing fintech in Berlin. Would you be "
        "open to a quick chat this week?\n\nBest,\nKim Schneider\nTalentBridge Partners\n",
        "tb-1@talentbridge-partners.com",
    ),
]
