"""Why each suggestion is phrased the way it is, for the officer's "why?" (intent ``ask_why``).

Keys are response names from the domain (``utter_open_*``, ``utter_respond_*``,
``utter_urge_freeze``). Each value maps ``"default"`` to the general rationale and, where
the response has conditional variations on the ``fraud_type`` slot, the fraud type key to
the rationale of that type's variations. Look up the current fraud type first and fall
back to ``"default"``.

The texts are one line of Chinese each, aimed at a rookie officer: they explain the
reasoning behind the centre's standard phrasing (warning first, never identity first;
one concrete instruction; no blame; verification the person does on their own).
"""

from __future__ import annotations

# Each rationale is kept on one line so it reads as one sentence in the panel and in diffs.
# ruff: noqa: E501

RATIONALES: dict[str, dict[str, str]] = {
    # Openings: warning first, never identity first.
    "utter_open_impersonate_police": {
        "default": "先点破骗局再表明身份:冒充公检法的骗子都以'我是民警'开场,对方已被洗脑不信'假警察';直接点出'安全账户''资金核查'这些骗子原话,对方才会警觉。",
    },
    "utter_open_impersonate_acquaintance": {
        "default": "冒充熟人、领导的骗局靠'急'和'不方便接电话'得手,一句话点破、先叫停转账,再让对方用原来存的老号码打给本人问一问;不说'核实之前不要转',免得听成'核实完就能转'。",
    },
    "utter_open_investment": {
        "default": "投资理财骗局的标志是股票群里的'老师'加陌生APP,点出这两样对方最容易对上号;'账面收益只是数字'能解释他为什么'明明在赚钱'。",
    },
    "utter_open_task_rebate": {
        "default": "刷单返利都是'先垫付后返利',前几单返钱只是诱饵;直接说出这个套路,对方就能对照自己的经历认出骗局。",
    },
    "utter_open_fake_customer_service": {
        "default": "假客服靠'退款理赔'诱人点链接、开屏幕共享、报验证码;先点破再给一个动作,抢在对方操作之前截住。",
    },
    "utter_open_fake_loan": {
        "default": "虚假贷款的核心是放款前收'解冻费''保证金',一句'正规贷款放款前不收任何费用'就能让对方明白问题在哪。",
    },
    "utter_open_fake_credit_repair": {
        "default": "虚假征信利用人们怕'征信受影响'的心理;点明征信不能花钱修改、只有征信中心能查,恐惧就没了抓手。",
    },
    "utter_open_fake_shopping": {
        "default": "虚假购物的关键是把人引出平台私下付款;点破'低价+私下转账'这个套路,再叫停付款。",
    },
    "utter_open_romance": {
        "default": "婚恋交友诈骗('杀猪盘')中对方有感情投入,先明确说是骗局、不怪对方,再给一个不转钱的动作,比讲道理更有效。",
    },
    "utter_open_game_trading": {
        "default": "游戏交易诈骗多靠假交易平台'冻结要交保证金'或骗验证码盗号;点出具体手法,年轻人一听就能对上。",
    },
    "utter_open_unknown": {
        "default": "类型还没弄清时,抓住所有诈骗的共同点'让您转账'先叫停,一句话一个动作,细节接通后再问。",
    },
    "utter_open_generic": {
        "default": "不知道具体类型也要先点破骗局:'让您转账、给验证码、下载APP的就是骗子'对所有类型都成立,先止损再了解情况。",
    },
    # Reactions.
    "utter_respond_claims_real_official": {
        "default": "不和对方争'谁是真的',而是给一条判断标准(让转账的就是骗子),再请对方自己打官方电话核实,说'这不怪您'给他台阶下。",
        "impersonate_police": "对方被假证件唬住了:说明公安不电话办案、没有安全账户、警官证逮捕令可伪造,再请他挂断后自己拨110核实,不靠我们的身份说服他。",
        "impersonate_acquaintance": "头像、名字、声音甚至视频里的脸都能用AI伪造,只有原来存的老号码、只有本人知道的事或当面问才可靠;真熟人不会介意被核实,这笔钱无论如何先不转。",
        "fake_customer_service": "真平台退款原路退回、从不收解冻费或退款费;给出这条硬标准,让对方自己在官方APP里核实。",
        "fake_loan": "正规贷款放款前不收任何费用,'解冻费'是虚假贷款的固定套路;点出'交了还有下一笔',对方就明白了。",
        "fake_credit_repair": "征信只能在人民银行征信中心查,谁也改不了;'工作人员'让转账或贷款本身就暴露了骗局。",
    },
    "utter_respond_distrusts_officer": {
        "default": "对方怀疑我们时越强调'我是真警察'越像骗子;肯定他的警惕心,请他自己拨110或96110核实,只要求先别转钱。",
        "impersonate_police": "冒充公检法的骗子常预先说'会有假警察来电';点破这一招,再把核实交给对方自己拨110,不和他争身份。",
    },
    "utter_respond_money_already_sent": {
        "default": "钱已转出,速度决定一切:先说不怪他稳住情绪,马上要账号、开户行、金额、时间去紧急止付,并堵住再转的口子。",
        "investment": "投资骗局转账后还会以'保证金''交税才能提现'继续要钱;一边要齐每笔转账信息去止付,一边叫停所有充值。",
    },
    "utter_respond_about_to_send": {
        "default": "对方马上就要转账,先让他停下来、把卡收好,不要求他立刻相信我们;'不转'不和'核实'挂钩(那会被听成'核实完就能转'),用'这不怪您'给他一个不丢面子的退路。",
        "impersonate_police": "对方怕'不转就被抓';点明公安没有安全账户、真警察不让人转账自证清白,先解除恐惧再叫停。",
        "fake_loan": "贷款没到手先交钱就是骗局,'交了还有下一笔'让对方意识到这个坑填不满;真需要贷款去银行柜台。",
        "fake_credit_repair": "征信不能花钱修复,按对方说的贷款转账会钱财两失还背上贷款;告诉他征信没事,解除恐惧。",
        "investment": "'加仓''保证金''交税才能提现'都是继续要钱的借口,点破它并叫停所有充值;不劝他先提点钱试试,骗子平台会故意放行小额提现;同时防止他抵押房产、贷款加仓。",
        "impersonate_acquaintance": "先叫停转账,再请他用老号码给本人打个电话或问一件只有本人知道的事;视频和声音都能伪造,不能作数;真熟人不会介意等。",
        "task_rebate": "'再做一单就全部返还'是刷单骗局的固定话术;点破它并说明越垫越多,让对方止损。",
    },
    "utter_respond_shared_code_or_screen": {
        "default": "验证码或屏幕已泄露,资金随时被转走;不追究对错,按顺序给补救步骤:先结束共享、断网,再用另一部手机打银行电话冻结银行卡,最后才改密码(共享开着时改的新密码对方也看得见);对方的APP先留作证据。",
        "fake_customer_service": "假客服开屏幕共享是为了偷看验证码和密码;说明退款不需要共享,再按顺序给补救步骤:结束共享、断网,换一部手机打银行电话冻结,最后改密码。",
        "impersonate_police": "'视频笔录''资金核查'是骗子让人装会议软件的借口;点破后立即结束共享、断网,用另一部手机打银行电话冻结,再改密码。",
    },
    "utter_respond_told_to_keep_secret": {
        "default": "'保密'是骗子隔离受害人的手段,一说破就穿帮;告诉他真警察、银行从不要求瞒着家人,鼓励他告诉家人。",
        "impersonate_police": "冒充公检法常用'保密协议''泄露案情要坐牢'吓人;说明公安不会这样要求,恐惧解除后对方才敢开口。",
    },
    "utter_respond_defends_investment": {
        "default": "对方'已经赚到钱'时不要争论,也不要让他提点钱试试——骗子平台会故意放行小额提现;告诉他账面收益只是数字、能提出的小钱是诱饵,给台阶并叫停。",
        "investment": "股票群'老师'和APP是一伙的,先让小赚再引大投入;点明能提出的小钱是故意给的甜头、要交费才能提钱就是骗局,让他一分钱都不再投。",
        "task_rebate": "刷单前几单真返钱只是诱饵,越往后垫付越多;点出'操作失误要补单'的后续套路,让他现在止损。",
        "romance": "对方对'恋人'有感情,先承认感情、不责怪;视频和照片都能用AI伪造,不拿它当证据,只用'真心的人不会一直要您往平台打钱'这个事实让他自己看清。",
    },
    "utter_respond_agrees_to_stop": {
        "default": "对方同意停下时要马上肯定他,再给具体收尾步骤:先截图保存聊天和转账记录,再拉黑、卸载APP、告诉家人,防止骗子换号再来。",
        "investment": "投资骗局常有'带您回本'的二次诈骗;先让他保存群聊和转账记录作证据,再退群、卸APP、拉黑'老师',并提前打好预防针。",
        "impersonate_police": "对方可能还担心'案子',明确告诉他没有案子、不会被抓,再给先保存证据、后拉黑卸软件、告诉家人的步骤。",
    },
    "utter_respond_call_dropped": {
        "default": "电话断了不等于结束:先回拨,回拨不通发预警短信,风险高就转派出所见面劝阻,市县所三级联动不断线。",
    },
    "utter_respond_asks_how_to_verify": {
        "default": "先肯定他想核实是对的;核实渠道必须由对方自己掌握:自己拨110、96110或到派出所,绝不用对方给的号码和链接。",
        "impersonate_police": "假警察会给'查询网址''办案电话';让对方自己拨110或去派出所当面问,才是独立核实。",
        "impersonate_acquaintance": "只有原来存的老号码、只有本人知道的事、共同亲友或当面才能确认本人;新号码、语音和视频都可能是骗子伪造的。",
        "fake_customer_service": "官方客服电话在APP和官网都能查到,真退款原路退回,不需要转账或屏幕共享。",
    },
    "utter_respond_emotional_distress": {
        "default": "人在恐慌中听不进道理:先安抚、说不怪他,只给一个小动作,等他平静下来再往下谈。",
        "impersonate_police": "对方怕被抓,先明确'您没有犯罪,不会被抓',解除骗子制造的恐惧,再给一个小动作。",
    },
    "utter_respond_reported_by_relative": {
        "default": "家属报警时最要紧的是找到当事人:要到电话和位置,请家属赶到身边陪着、别争吵,防止他再转钱。",
    },
    "utter_respond_asks_recovery": {
        "default": "如实说明不能保证追回,强调紧急止付和尽快报案是最好机会,并提醒'帮您追回损失'是二次诈骗。",
    },
    "utter_urge_freeze": {
        "default": "一人劝阻一人止付:钱一转出就抢时间,账号、开户行、金额、时间四项齐全才能提交紧急止付。",
    },
    # Life safety comes before money: keep the person talking, find out where they are, get someone there.
    "utter_life_safety_suicide": {
        "default": "对方说出轻生的话,这通电话就不再是劝阻转账:先接住他的情绪,不争辩、不评判,让他一直跟我们说话,同时问清他现在在哪、身边有没有人,好派人过去。",
    },
    "utter_life_safety_medical": {
        "default": "突发疾病时每一分钟都要紧:先让对方别动、坐下或躺下,再问清具体地址叫120;钱的事一句都不提,电话也不能断。",
    },
    "utter_life_safety_confined": {
        "default": "冒充公检法的骗子常让人独自住宾馆'配合调查'、不许接家人电话,人被隔离最危险:点明真警察不会这样办案、不怪他,再问清酒店和房间号,请民警上门接人。",
    },
    "utter_life_safety_minor": {
        "default": "孩子有危险时先找人:问清孩子现在在哪、身边有没有大人、穿什么衣服,马上请附近民警去找,钱的事放到后面。",
    },
    "utter_life_safety_location": {
        "default": "知道位置后告诉对方有人在路上,让他待在原地、电话别放下;接着问楼层、房间或身边有没有人,让他继续说话,直到有人赶到。",
    },
    "utter_life_safety_silent": {
        "default": "对方不说话时不要逼问,也不要结束通话:让他知道我们还在、他不用说话也可以,再轻轻地问一次他在哪里。",
    },
    "utter_life_safety_refuses": {
        "default": "对方拒绝帮助时不争辩:先尊重他的意思,说明只是担心他,再退一步只问大概在哪一片、附近能看到什么,让对话继续下去。",
    },
    "utter_life_safety_keep_talking": {
        "default": "生命安全处置中,对方说起钱、答应不转或者怀疑我们,都先放一放、不表扬也不往下推进,继续陪他说话,问清他现在在哪。",
    },
    "utter_life_safety_resolved": {
        "default": "人安全以后才提心理援助:全国心理援助热线12356与110、120联动,给对方一个以后难受时可以打的电话,只提一次。",
    },
    "utter_urge_dispatch": {
        "default": "一人陪着说话一人派人:通话不能断,另一位同事同时联系110/120和辖区派出所,问到位置马上报过去;止付和劝阻都排在后面。",
    },
}
