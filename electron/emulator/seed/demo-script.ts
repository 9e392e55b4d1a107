import type { Rgb } from './png';

/** Who speaks in a scripted turn: the customer, Sam (main agent) or Lee (second agent). */
export type Speaker = 'customer' | 'sam' | 'lee';

export interface ScriptedImage {
  filename: string;
  background: Rgb;
  accent: Rgb;
}

/** One message: speaker, minutes after the previous message, text, optional picture. */
export type Turn = [Speaker, number, string, ScriptedImage?];

export interface ScriptedConversation {
  channel: 'sms' | 'whatsapp' | 'chat';
  /** Phone number in E.164 (SMS/WhatsApp, without prefix) or web-chat identity. */
  customer: string;
  name: string;
  topic: string;
  /** Minutes before seeding that the conversation opened. */
  startedAgo: number;
  /** How many of the trailing customer messages Sam has not read yet. */
  unread: number;
  /** Lee is added to the conversations that needed a second pair of hands. */
  withLee?: boolean;
  turns: Turn[];
}

const photo = (filename: string, background: Rgb, accent: Rgb): ScriptedImage => ({ filename, background, accent });

const DAY = 24 * 60;

/**
 * The demo workspace's customers and their histories. Plain data so that seeding is
 * deterministic: the same words, order and relative times on every fresh data dir.
 */
export const DEMO_CONVERSATIONS: readonly ScriptedConversation[] = [
  {
    channel: 'sms', customer: '+14155550142', name: 'Priya Shah', topic: 'order status', startedAgo: 4 * DAY + 300, unread: 0,
    turns: [
      ['customer', 0, "Hi, where's my order #10482? It said 2-day shipping and it's been 4 days."],
      ['sam', 6, 'Hi Priya, sorry for the wait! Let me look that up for you.'],
      ['sam', 3, 'Order #10482 left our warehouse yesterday evening. Tracking: 1Z 999 AA1 0123 4567 84. It should arrive tomorrow before 8pm.'],
      ['customer', 11, 'Great, thanks Sam!'],
      ['sam', 1, "You're welcome! Anything else I can help with?"],
    ],
  },
  {
    channel: 'sms', customer: '+12125550187', name: 'Marcus Bell', topic: 'refund', startedAgo: 2 * DAY + 90, unread: 1,
    turns: [
      ['customer', 0, 'My blender arrived with a cracked jug. I want a refund please.'],
      ['customer', 1, '', photo('cracked-jug.png', [196, 204, 212], [90, 96, 104])],
      ['sam', 14, "Oh no, I'm sorry Marcus. Thanks for the photo, that's clearly transit damage."],
      ['sam', 2, "I've started a full refund of $89.99 to your card. You don't need to send the blender back."],
      ['customer', 5, 'Thank you. How long will it take?'],
      ['sam', 3, 'Usually 3-5 business days depending on your bank.'],
      ['customer', 2 * DAY - 200, "It's been 2 days and I don't see anything yet. Any update?"],
    ],
  },
  {
    channel: 'sms', customer: '+13125550119', name: 'Dana Okafor', topic: 'delivery slot', startedAgo: DAY + 420, unread: 0,
    turns: [
      ['customer', 0, "Can I move my delivery to Saturday? I won't be home Friday."],
      ['sam', 4, 'Sure! Saturday has 8-12 or 12-4 available. Which works better?'],
      ['customer', 9, '8-12 please'],
      ['sam', 2, "Done: Saturday 8am-12pm. You'll get a text with a 1-hour window that morning."],
      ['customer', 1, 'Perfect 👍'],
    ],
  },
  {
    channel: 'sms', customer: '+16175550163', name: 'Tom Becker', topic: 'password reset', startedAgo: 3 * DAY + 45, unread: 0,
    turns: [
      ['customer', 0, "I asked for a password reset 3 times but the email never comes."],
      ['sam', 7, 'Hi Tom, which email address is on the account?'],
      ['customer', 3, 'tom.becker@example.com'],
      ['sam', 5, "Found it: the reset emails were bouncing because of a typo (exmaple.com). I've corrected it and sent a new link."],
      ['customer', 4, 'Got it, I am back in. Thanks!'],
    ],
  },
  {
    channel: 'sms', customer: '+15125550134', name: 'Alicia Romero', topic: 'double charge', startedAgo: DAY + 95, unread: 0, withLee: true,
    turns: [
      ['customer', 0, 'I was charged twice for my subscription this month ($14.99 x2).'],
      ['sam', 5, "Sorry about that Alicia. I'm looping in Lee from billing who can reverse it."],
      ['lee', 12, "Hi Alicia, Lee here. I see the duplicate charge and I've reversed it. You'll see $14.99 back within 5 days."],
      ['customer', 20, 'Thanks both, appreciate the quick help.'],
      ['lee', 2, 'Anytime!'],
    ],
  },
  {
    channel: 'sms', customer: '+12065550198', name: 'Kevin Tran', topic: 'store pickup', startedAgo: 38, unread: 2,
    turns: [
      ['customer', 0, 'Is the Pine St store open on Sunday for pickup?'],
      ['customer', 2, 'Order #10977 by the way'],
    ],
  },
  {
    channel: 'sms', customer: '+13055550176', name: 'Grace Liu', topic: 'exchange', startedAgo: 5 * DAY + 120, unread: 0,
    turns: [
      ['customer', 0, 'The running shoes are too small. Can I exchange for a 9?'],
      ['sam', 10, "Of course! Here's our size chart in case you'd like to double-check first.", photo('size-chart.png', [245, 245, 240], [46, 125, 50])],
      ['customer', 6, '9 is right. How do I send them back?'],
      ['sam', 3, "I've emailed you a prepaid return label. Drop them at any post office and we'll ship the 9s as soon as they're scanned."],
    ],
  },
  {
    channel: 'whatsapp', customer: '+447700900123', name: 'Oliver Hughes', topic: 'missing parcel', startedAgo: 65, unread: 1,
    turns: [
      ['customer', 0, 'Hiya, the tracking says delivered but I have nothing.'],
      ['sam', 4, 'Hi Oliver, sorry to hear that. The driver notes say it was left with a neighbour at no. 14.'],
      ['customer', 25, 'Found it! It was at number 14. Box is a bit squashed though, see photo', photo('parcel.png', [160, 120, 80], [220, 190, 140])],
    ],
  },
  {
    channel: 'whatsapp', customer: '+447700900456', name: 'Amelia Clarke', topic: 'address change', startedAgo: 2 * DAY + 600, unread: 0,
    turns: [
      ['customer', 0, "I've just moved, can you send order #10733 to my new address? 22 Baker Lane, Leeds LS1 4AB"],
      ['sam', 8, "Hi Amelia, it hasn't shipped yet so I've updated the address to 22 Baker Lane, Leeds LS1 4AB."],
      ['customer', 2, 'Brilliant, cheers'],
    ],
  },
  {
    channel: 'whatsapp', customer: '+4915123456789', name: 'Jonas Weber', topic: 'invoice', startedAgo: 3 * DAY + 500, unread: 0,
    turns: [
      ['customer', 0, 'Hallo, I need an invoice with our company VAT number DE123456789 for order #10611.'],
      ['sam', 15, 'Hi Jonas, no problem. Which company name should be on the invoice?'],
      ['customer', 4, 'Weber Logistik GmbH'],
      ['sam', 6, "Done, the corrected invoice is in your account under Orders > #10611 > Invoice."],
      ['customer', 30, 'Danke!'],
    ],
  },
  {
    channel: 'whatsapp', customer: '+4917612345678', name: 'Lena Fischer', topic: 'refund timeline', startedAgo: DAY + 30, unread: 1,
    turns: [
      ['customer', 0, 'I returned the jacket last week. When will I get my refund?'],
      ['sam', 20, 'Hi Lena, the warehouse received it on Tuesday. Refunds are issued within 48h of inspection.'],
      ['customer', DAY - 60, "It's Thursday now and still nothing 😕"],
    ],
  },
  {
    channel: 'whatsapp', customer: '+33612345678', name: 'Camille Martin', topic: 'damaged item', startedAgo: 4 * DAY + 60, unread: 0, withLee: true,
    turns: [
      ['customer', 0, 'Bonjour, the lamp arrived broken.', photo('broken-lamp.png', [236, 224, 200], [180, 60, 40])],
      ['sam', 9, "Bonjour Camille, I'm so sorry. Lee, can you approve a replacement from the EU warehouse?"],
      ['lee', 15, "Approved. Camille, a new lamp ships from our Lyon warehouse today and you'll have it in 2 days."],
      ['customer', 3, 'Merci beaucoup !'],
    ],
  },
  {
    channel: 'whatsapp', customer: '+34612345678', name: 'Lucía García', topic: 'delivery slot', startedAgo: 6 * 60, unread: 0,
    turns: [
      ['customer', 0, 'Hola! Can the courier come after 6pm? I work until then.'],
      ['sam', 12, 'Hi Lucía! Yes, I booked the evening slot (6-9pm) for tomorrow.'],
      ['customer', 2, 'Gracias!'],
      ['sam', 1, 'De nada 😊'],
    ],
  },
  {
    channel: 'whatsapp', customer: '+61491570156', name: 'Jack Wilson', topic: 'international shipping', startedAgo: 14, unread: 3,
    turns: [
      ['customer', 0, "G'day, do you ship to Australia?"],
      ['customer', 1, 'And how long does it usually take to Perth?'],
      ['customer', 4, 'Also are there import fees?'],
    ],
  },
  {
    channel: 'whatsapp', customer: '+5511987654321', name: 'Rafael Souza', topic: 'promo code', startedAgo: 2 * DAY + 200, unread: 0,
    turns: [
      ['customer', 0, "Olá, the code SPRING20 says it's invalid at checkout."],
      ['sam', 6, 'Hi Rafael, SPRING20 expired on Sunday, sorry! I can give you WELCOME15 instead, it works until the end of the month.'],
      ['customer', 3, 'Worked, thanks!'],
    ],
  },
  {
    channel: 'chat', customer: 'visitor-3f9a1c', name: 'Maya Chen', topic: 'account locked', startedAgo: 5 * DAY + 400, unread: 0,
    turns: [
      ['customer', 0, 'My account is locked after too many login attempts.'],
      ['sam', 2, "Hi Maya, I've unlocked it. I'd recommend a password reset: use 'Forgot password' on the login page."],
      ['customer', 3, 'Reset done, I can log in now.'],
      ['sam', 1, 'Great, have a lovely day!'],
    ],
  },
  {
    channel: 'chat', customer: 'visitor-8b2e47', name: 'Noah Patel', topic: 'product question', startedAgo: 22, unread: 1,
    turns: [
      ['customer', 0, 'Hi! Does the X200 dock work with a 2021 MacBook Pro?'],
      ['sam', 3, 'Hi Noah! Yes, it supports USB-C and Thunderbolt 3/4, so your MacBook Pro works with it.'],
      ['customer', 5, 'Nice. Does it charge the laptop too, and at what wattage?'],
    ],
  },
  {
    channel: 'chat', customer: 'visitor-c41d09', name: 'Sofia Rossi', topic: 'gift wrap', startedAgo: DAY + 800, unread: 0,
    turns: [
      ['customer', 0, 'Can I add gift wrapping to an order I already placed?'],
      ['sam', 4, "Yes! I've added gift wrap to #10850. Would you like a message on the card?"],
      ['customer', 2, "Yes: 'Happy birthday Nonna! Love, Sofia'"],
      ['sam', 1, 'Added. It ships tomorrow 🎁'],
    ],
  },
  {
    channel: 'chat', customer: 'visitor-52ad7e', name: 'Ethan Brooks', topic: 'cancellation', startedAgo: 3 * DAY + 240, unread: 0,
    turns: [
      ['customer', 0, 'Please cancel order #10702, I ordered the wrong colour.'],
      ['sam', 3, "Hi Ethan, it hadn't been packed yet, so it's cancelled and refunded in full."],
      ['customer', 1, 'Thanks'],
    ],
  },
  {
    channel: 'chat', customer: 'visitor-e07b3b', name: 'Hannah Kim', topic: 'loyalty points', startedAgo: 3 * 60, unread: 2,
    turns: [
      ['customer', 0, "My last order didn't add any loyalty points."],
      ['sam', 6, 'Hi Hannah, let me check. Which order number?'],
      ['customer', 40, "#10921. I've had 2 orders without points actually"],
      ['customer', 1, 'The other one is #10897'],
    ],
  },
];
