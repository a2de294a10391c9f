import { mountFrontPage } from '../front/mount';
import { WelcomePage } from './WelcomePage';

mountFrontPage(<WelcomePage />);
